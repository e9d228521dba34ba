SELECT
  MAKE_DATE(
    CASE
      WHEN EXTRACT(month FROM "t16"."recorded_date") >= 4
      THEN EXTRACT(year FROM "t16"."recorded_date")
      ELSE EXTRACT(year FROM "t16"."recorded_date") - 1
    END,
    4,
    1
  ) AS "period_start",
  "t16"."age_band",
  COUNT(*) FILTER(WHERE
    "t16"."is_vawg" AND "t16"."age_known") AS "m0"
FROM (
  SELECT
    "t15"."crime_id",
    "t15"."person_id",
    "t15"."recorded_date",
    "t15"."linked_date",
    "t15"."age",
    "t15"."area",
    "t15"."vawg_category",
    "t15"."is_vawg",
    "t15"."is_da",
    "t15"."first_outcome_date",
    "t15"."sex",
    CASE
      WHEN (
        "t15"."age" >= 0
      ) AND (
        "t15"."age" <= 17
      )
      THEN '0-17'
      WHEN (
        "t15"."age" >= 18
      ) AND (
        "t15"."age" <= 24
      )
      THEN '18-24'
      WHEN (
        "t15"."age" >= 25
      ) AND (
        "t15"."age" <= 34
      )
      THEN '25-34'
      WHEN (
        "t15"."age" >= 35
      ) AND (
        "t15"."age" <= 44
      )
      THEN '35-44'
      WHEN (
        "t15"."age" >= 45
      ) AND (
        "t15"."age" <= 54
      )
      THEN '45-54'
      WHEN (
        "t15"."age" >= 55
      ) AND (
        "t15"."age" <= 64
      )
      THEN '55-64'
      WHEN "t15"."age" >= 65
      THEN '65+'
      ELSE 'unknown'
    END AS "age_band",
    "t15"."age" IS NOT NULL AS "age_known"
  FROM (
    SELECT
      "t9"."crime_id",
      "t9"."person_id",
      "t14"."recorded_date",
      "t9"."linked_date",
      "t9"."age",
      "t14"."area",
      "t14"."vawg_category",
      "t14"."is_vawg",
      "t14"."is_da",
      "t14"."first_outcome_date",
      COALESCE("t5"."sex", 'U') AS "sex"
    FROM (
      SELECT
        *
      FROM "crime_persons" AS "t0"
      WHERE
        "t0"."role" = 'victim'
    ) AS "t9"
    INNER JOIN (
      SELECT
        "t6"."crime_id",
        "t6"."recorded_date",
        "t12"."outcome_date",
        "t12"."first_outcome_date",
        "t6"."area",
        COALESCE("t7"."vawg_category", 'other_offence') AS "vawg_category",
        COALESCE("t7"."offence_group", 'unknown') AS "offence_group",
        CASE WHEN COALESCE("t6"."da_flag", FALSE) THEN 'da' ELSE 'non_da' END AS "da",
        (
          "t7"."vawg_category" IS NOT NULL
        )
        OR COALESCE("t6"."da_flag", FALSE)
        OR COALESCE("t6"."hba_flag", FALSE) AS "is_vawg",
        COALESCE("t6"."da_flag", FALSE) AS "is_da",
        "t6"."offence_code" = '8Q' AS "is_stalking",
        "t12"."outcome_code" IS NOT NULL AS "has_outcome",
        COALESCE("t12"."outcome_code" IN ('1', '1A', '2', '3', '4', '6', '7', '8'), FALSE) AS "is_positive",
        COALESCE("t12"."outcome_code" IN ('1', '1A'), FALSE) AS "is_charge",
        COALESCE("t12"."outcome_code" = '1', FALSE) AS "is_oc1",
        COALESCE("t12"."outcome_code" IN ('14', '16'), FALSE) AS "is_not_supporting",
        COALESCE("t12"."outcome_code" IN ('15'), FALSE) AS "is_evidential",
        DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t12"."outcome_date") - DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t6"."recorded_date") AS "days_to_outcome"
      FROM "crimes" AS "t6"
      LEFT OUTER JOIN "ref_offence" AS "t7"
        ON "t6"."offence_code" = "t7"."offence_code"
      LEFT OUTER JOIN (
        SELECT
          "t10"."crime_id",
          "t10"."outcome_code",
          "t10"."outcome_date",
          "t10"."first_outcome_date"
        FROM (
          SELECT
            "t4"."crime_id",
            "t4"."outcome_code",
            "t4"."outcome_date",
            "t4"."load_id",
            ROW_NUMBER() OVER (
              PARTITION BY "t4"."crime_id"
              ORDER BY "t4"."outcome_date" DESC, "t4"."load_id" DESC, "t4"."outcome_code" DESC
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) - 1 AS "_rank",
            MIN("t4"."outcome_date") OVER (
              PARTITION BY "t4"."crime_id"
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS "first_outcome_date"
          FROM "outcomes" AS "t4"
        ) AS "t10"
        WHERE
          "t10"."_rank" = 0
      ) AS "t12"
        ON "t6"."crime_id" = "t12"."crime_id"
    ) AS "t14"
      ON "t9"."crime_id" = "t14"."crime_id"
    LEFT OUTER JOIN "persons" AS "t5"
      ON "t9"."person_id" = "t5"."person_id"
  ) AS "t15"
  WHERE
    "t15"."recorded_date" IS NOT NULL
) AS "t16"
GROUP BY
  1,
  2;
