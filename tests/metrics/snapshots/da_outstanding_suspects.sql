WITH "t22" AS (
  SELECT
    "t21"."area",
    GREATEST("t21"."recorded_date", COALESCE("t21"."linked_date", "t21"."recorded_date")) AS "start",
    LEAST("t21"."first_outcome_date", "t14"."first_arrest") AS "end",
    "t21"."is_da"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t11"."crime_id",
        "t11"."person_id",
        "t18"."recorded_date",
        "t11"."linked_date",
        "t11"."age",
        "t18"."area",
        "t18"."vawg_category",
        "t18"."is_vawg",
        "t18"."is_da",
        "t18"."first_outcome_date",
        COALESCE("t6"."sex", 'U') AS "sex"
      FROM (
        SELECT
          *
        FROM "crime_persons" AS "t1"
        WHERE
          "t1"."role" = 'suspect'
      ) AS "t11"
      INNER JOIN (
        SELECT
          "t7"."crime_id",
          "t7"."recorded_date",
          "t16"."outcome_date",
          "t16"."first_outcome_date",
          "t7"."area",
          COALESCE("t8"."vawg_category", 'other_offence') AS "vawg_category",
          COALESCE("t8"."offence_group", 'unknown') AS "offence_group",
          CASE WHEN COALESCE("t7"."da_flag", FALSE) THEN 'da' ELSE 'non_da' END AS "da",
          (
            "t8"."vawg_category" IS NOT NULL
          )
          OR COALESCE("t7"."da_flag", FALSE)
          OR COALESCE("t7"."hba_flag", FALSE) AS "is_vawg",
          COALESCE("t7"."da_flag", FALSE) AS "is_da",
          "t7"."offence_code" = '8Q' AS "is_stalking",
          "t16"."outcome_code" IS NOT NULL AS "has_outcome",
          COALESCE("t16"."outcome_code" IN ('1', '1A', '2', '3', '4', '6', '7', '8'), FALSE) AS "is_positive",
          COALESCE("t16"."outcome_code" IN ('1', '1A'), FALSE) AS "is_charge",
          COALESCE("t16"."outcome_code" = '1', FALSE) AS "is_oc1",
          COALESCE("t16"."outcome_code" IN ('14', '16'), FALSE) AS "is_not_supporting",
          COALESCE("t16"."outcome_code" IN ('15'), FALSE) AS "is_evidential",
          DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t16"."outcome_date") - DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t7"."recorded_date") AS "days_to_outcome"
        FROM "crimes" AS "t7"
        LEFT OUTER JOIN "ref_offence" AS "t8"
          ON "t7"."offence_code" = "t8"."offence_code"
        LEFT OUTER JOIN (
          SELECT
            "t12"."crime_id",
            "t12"."outcome_code",
            "t12"."outcome_date",
            "t12"."first_outcome_date"
          FROM (
            SELECT
              "t5"."crime_id",
              "t5"."outcome_code",
              "t5"."outcome_date",
              "t5"."load_id",
              ROW_NUMBER() OVER (
                PARTITION BY "t5"."crime_id"
                ORDER BY "t5"."outcome_date" DESC, "t5"."load_id" DESC, "t5"."outcome_code" DESC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) - 1 AS "_rank",
              MIN("t5"."outcome_date") OVER (
                PARTITION BY "t5"."crime_id"
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) AS "first_outcome_date"
            FROM "outcomes" AS "t5"
          ) AS "t12"
          WHERE
            "t12"."_rank" = 0
        ) AS "t16"
          ON "t7"."crime_id" = "t16"."crime_id"
      ) AS "t18"
        ON "t11"."crime_id" = "t18"."crime_id"
      LEFT OUTER JOIN "persons" AS "t6"
        ON "t11"."person_id" = "t6"."person_id"
    ) AS "t19"
    WHERE
      "t19"."is_da"
  ) AS "t21"
  LEFT OUTER JOIN (
    SELECT
      "t9"."person_id",
      "t9"."crime_id",
      MIN("t9"."arrest_date") AS "first_arrest"
    FROM (
      SELECT
        *
      FROM "custody" AS "t0"
      WHERE
        "t0"."crime_id" IS NOT NULL
    ) AS "t9"
    GROUP BY
      1,
      2
  ) AS "t14"
    ON "t21"."person_id" = "t14"."person_id" AND "t21"."crime_id" = "t14"."crime_id"
)
SELECT
  "t26"."month",
  "t26"."area",
  SUM("t26"."m0") AS "m0"
FROM (
  SELECT
    *
  FROM (
    SELECT
      DATE_TRUNC('MONTH', "t23"."start") AS "month",
      "t23"."area",
      CASE WHEN "t23"."is_da" THEN 1 ELSE 0 END AS "m0"
    FROM "t22" AS "t23"
    WHERE
      "t23"."start" IS NOT NULL
      AND (
        (
          "t23"."end" IS NULL
        ) OR (
          "t23"."end" > "t23"."start"
        )
      )
  ) AS "t24"
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      DATE_TRUNC('MONTH', "t23"."end") AS "month",
      "t23"."area",
      CASE WHEN "t23"."is_da" THEN -1 ELSE 0 END AS "m0"
    FROM "t22" AS "t23"
    WHERE
      "t23"."start" IS NOT NULL
      AND (
        (
          "t23"."end" IS NULL
        ) OR (
          "t23"."end" > "t23"."start"
        )
      )
      AND "t23"."end" IS NOT NULL
  ) AS "t25"
) AS "t26"
GROUP BY
  1,
  2;
