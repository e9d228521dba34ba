SELECT
  DATE_TRUNC('MONTH', "t8"."outcome_date") AS "period_start",
  COUNT(*) FILTER(WHERE
    "t8"."is_stalking" AND "t8"."is_positive") AS "m0"
FROM (
  SELECT
    "t7"."crime_id",
    "t7"."recorded_date",
    "t7"."outcome_date",
    "t7"."first_outcome_date",
    "t7"."area",
    "t7"."vawg_category",
    "t7"."offence_group",
    "t7"."da",
    "t7"."online",
    "t7"."hba",
    "t7"."is_vawg",
    "t7"."is_da",
    "t7"."is_stalking",
    "t7"."outcome_code" IS NOT NULL AS "has_outcome",
    COALESCE("t7"."outcome_code" IN ('1', '1A', '2', '3', '4', '6', '7', '8'), FALSE) AS "is_positive",
    COALESCE("t7"."outcome_code" IN ('1', '1A'), FALSE) AS "is_charge",
    COALESCE("t7"."outcome_code" = '1', FALSE) AS "is_oc1",
    COALESCE("t7"."outcome_code" IN ('14', '16'), FALSE) AS "is_not_supporting",
    COALESCE("t7"."outcome_code" IN ('15'), FALSE) AS "is_evidential",
    DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t7"."outcome_date") - DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t7"."recorded_date") AS "days_to_outcome",
    COALESCE(
      "t7"."outcome_code" IN ('1', '1A', '2', '3', '4', '6', '7', '8')
      AND (
        (
          DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t7"."outcome_date") - DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t7"."recorded_date")
        ) <= 90
      ),
      FALSE
    ) AS "is_positive_90d",
    COALESCE(
      "t7"."outcome_code" IN ('1', '1A', '2', '3', '4', '6', '7', '8')
      AND (
        (
          DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t7"."outcome_date") - DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t7"."recorded_date")
        ) <= 180
      ),
      FALSE
    ) AS "is_positive_180d"
  FROM (
    SELECT
      "t3"."crime_id",
      "t3"."recorded_date",
      "t6"."outcome_date",
      "t6"."first_outcome_date",
      "t3"."area",
      COALESCE("t4"."vawg_category", 'other_offence') AS "vawg_category",
      COALESCE("t4"."offence_group", 'unknown') AS "offence_group",
      CASE WHEN COALESCE("t3"."da_flag", FALSE) THEN 'da' ELSE 'non_da' END AS "da",
      CASE WHEN COALESCE("t3"."online_flag", FALSE) THEN 'online' ELSE 'not_online' END AS "online",
      CASE WHEN COALESCE("t3"."hba_flag", FALSE) THEN 'hba' ELSE 'not_hba' END AS "hba",
      (
        "t4"."vawg_category" IS NOT NULL
      )
      OR COALESCE("t3"."da_flag", FALSE)
      OR COALESCE("t3"."hba_flag", FALSE) AS "is_vawg",
      COALESCE("t3"."da_flag", FALSE) AS "is_da",
      "t3"."offence_code" = '8Q' AS "is_stalking",
      "t6"."outcome_code"
    FROM "crimes" AS "t3"
    LEFT OUTER JOIN "ref_offence" AS "t4"
      ON "t3"."offence_code" = "t4"."offence_code"
    LEFT OUTER JOIN (
      SELECT
        "t2"."crime_id",
        FIRST(
          "t2"."outcome_code" ORDER BY {'d': "t2"."outcome_date", 'l': "t2"."load_id", 'c': "t2"."outcome_code"} DESC
        ) AS "outcome_code",
        MAX("t2"."outcome_date") AS "outcome_date",
        MIN("t2"."outcome_date") AS "first_outcome_date"
      FROM "outcomes" AS "t2"
      GROUP BY
        1
    ) AS "t6"
      ON "t3"."crime_id" = "t6"."crime_id"
  ) AS "t7"
  WHERE
    "t7"."outcome_date" IS NOT NULL
) AS "t8"
GROUP BY
  1;

SELECT
  DATE_TRUNC('MONTH', "t8"."recorded_date") AS "period_start",
  COUNT(*) FILTER(WHERE
    "t8"."is_stalking") AS "m0"
FROM (
  SELECT
    "t7"."crime_id",
    "t7"."recorded_date",
    "t7"."outcome_date",
    "t7"."first_outcome_date",
    "t7"."area",
    "t7"."vawg_category",
    "t7"."offence_group",
    "t7"."da",
    "t7"."online",
    "t7"."hba",
    "t7"."is_vawg",
    "t7"."is_da",
    "t7"."is_stalking",
    "t7"."outcome_code" IS NOT NULL AS "has_outcome",
    COALESCE("t7"."outcome_code" IN ('1', '1A', '2', '3', '4', '6', '7', '8'), FALSE) AS "is_positive",
    COALESCE("t7"."outcome_code" IN ('1', '1A'), FALSE) AS "is_charge",
    COALESCE("t7"."outcome_code" = '1', FALSE) AS "is_oc1",
    COALESCE("t7"."outcome_code" IN ('14', '16'), FALSE) AS "is_not_supporting",
    COALESCE("t7"."outcome_code" IN ('15'), FALSE) AS "is_evidential",
    DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t7"."outcome_date") - DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t7"."recorded_date") AS "days_to_outcome",
    COALESCE(
      "t7"."outcome_code" IN ('1', '1A', '2', '3', '4', '6', '7', '8')
      AND (
        (
          DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t7"."outcome_date") - DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t7"."recorded_date")
        ) <= 90
      ),
      FALSE
    ) AS "is_positive_90d",
    COALESCE(
      "t7"."outcome_code" IN ('1', '1A', '2', '3', '4', '6', '7', '8')
      AND (
        (
          DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t7"."outcome_date") - DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t7"."recorded_date")
        ) <= 180
      ),
      FALSE
    ) AS "is_positive_180d"
  FROM (
    SELECT
      "t3"."crime_id",
      "t3"."recorded_date",
      "t6"."outcome_date",
      "t6"."first_outcome_date",
      "t3"."area",
      COALESCE("t4"."vawg_category", 'other_offence') AS "vawg_category",
      COALESCE("t4"."offence_group", 'unknown') AS "offence_group",
      CASE WHEN COALESCE("t3"."da_flag", FALSE) THEN 'da' ELSE 'non_da' END AS "da",
      CASE WHEN COALESCE("t3"."online_flag", FALSE) THEN 'online' ELSE 'not_online' END AS "online",
      CASE WHEN COALESCE("t3"."hba_flag", FALSE) THEN 'hba' ELSE 'not_hba' END AS "hba",
      (
        "t4"."vawg_category" IS NOT NULL
      )
      OR COALESCE("t3"."da_flag", FALSE)
      OR COALESCE("t3"."hba_flag", FALSE) AS "is_vawg",
      COALESCE("t3"."da_flag", FALSE) AS "is_da",
      "t3"."offence_code" = '8Q' AS "is_stalking",
      "t6"."outcome_code"
    FROM "crimes" AS "t3"
    LEFT OUTER JOIN "ref_offence" AS "t4"
      ON "t3"."offence_code" = "t4"."offence_code"
    LEFT OUTER JOIN (
      SELECT
        "t2"."crime_id",
        FIRST(
          "t2"."outcome_code" ORDER BY {'d': "t2"."outcome_date", 'l': "t2"."load_id", 'c': "t2"."outcome_code"} DESC
        ) AS "outcome_code",
        MAX("t2"."outcome_date") AS "outcome_date",
        MIN("t2"."outcome_date") AS "first_outcome_date"
      FROM "outcomes" AS "t2"
      GROUP BY
        1
    ) AS "t6"
      ON "t3"."crime_id" = "t6"."crime_id"
  ) AS "t7"
  WHERE
    "t7"."recorded_date" IS NOT NULL
) AS "t8"
GROUP BY
  1;
