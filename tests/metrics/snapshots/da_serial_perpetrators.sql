SELECT
  DATE_TRUNC('MONTH', "t23"."recorded_date") AS "period_start",
  COUNT(DISTINCT "t23"."person_id") FILTER(WHERE
    "t23"."is_serial") AS "m0"
FROM (
  SELECT
    *
  FROM (
    SELECT
      "t21"."crime_id",
      "t21"."person_id",
      "t21"."recorded_date",
      "t21"."linked_date",
      "t21"."age",
      "t21"."area",
      "t21"."vawg_category",
      "t21"."is_vawg",
      "t21"."is_da",
      "t21"."first_outcome_date",
      "t21"."sex",
      "t21"."victim_id",
      COALESCE(
        (
          MIN("t21"."victim_id") OVER (
            PARTITION BY "t21"."person_id"
            ORDER BY "t21"."recorded_date" ASC
            RANGE BETWEEN INTERVAL '1094' DAY preceding AND TO_DAYS(CAST(0 AS INT)) following
          ) <> MAX("t21"."victim_id") OVER (
            PARTITION BY "t21"."person_id"
            ORDER BY "t21"."recorded_date" ASC
            RANGE BETWEEN INTERVAL '1094' DAY preceding AND TO_DAYS(CAST(0 AS INT)) following
          )
        )
        AND (
          MIN("t21"."crime_id") OVER (
            PARTITION BY "t21"."person_id"
            ORDER BY "t21"."recorded_date" ASC
            RANGE BETWEEN INTERVAL '1094' DAY preceding AND TO_DAYS(CAST(0 AS INT)) following
          ) <> MAX("t21"."crime_id") OVER (
            PARTITION BY "t21"."person_id"
            ORDER BY "t21"."recorded_date" ASC
            RANGE BETWEEN INTERVAL '1094' DAY preceding AND TO_DAYS(CAST(0 AS INT)) following
          )
        ),
        FALSE
      )
      AND (
        COALESCE("t21"."age" >= 16, FALSE) OR (
          "t21"."age" IS NULL
        )
      ) AS "is_serial"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t19"."crime_id",
          "t19"."person_id",
          "t19"."recorded_date",
          "t19"."linked_date",
          "t19"."age",
          "t19"."area",
          "t19"."vawg_category",
          "t19"."is_vawg",
          "t19"."is_da",
          "t19"."first_outcome_date",
          "t19"."sex",
          "t10"."victim_id"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t11"."crime_id",
              "t11"."person_id",
              "t16"."recorded_date",
              "t11"."linked_date",
              "t11"."age",
              "t16"."area",
              "t16"."vawg_category",
              "t16"."is_vawg",
              "t16"."is_da",
              "t16"."first_outcome_date",
              COALESCE("t5"."sex", 'U') AS "sex"
            FROM (
              SELECT
                *
              FROM "crime_persons" AS "t0"
              WHERE
                "t0"."role" = 'suspect'
            ) AS "t11"
            INNER JOIN (
              SELECT
                "t6"."crime_id",
                "t6"."recorded_date",
                "t14"."outcome_date",
                "t14"."first_outcome_date",
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
                "t14"."outcome_code" IS NOT NULL AS "has_outcome",
                COALESCE("t14"."outcome_code" IN ('1', '1A', '2', '3', '4', '6', '7', '8'), FALSE) AS "is_positive",
                COALESCE("t14"."outcome_code" IN ('1', '1A'), FALSE) AS "is_charge",
                COALESCE("t14"."outcome_code" = '1', FALSE) AS "is_oc1",
                COALESCE("t14"."outcome_code" IN ('14', '16'), FALSE) AS "is_not_supporting",
                COALESCE("t14"."outcome_code" IN ('15'), FALSE) AS "is_evidential",
                DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t14"."outcome_date") - DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t6"."recorded_date") AS "days_to_outcome"
              FROM "crimes" AS "t6"
              LEFT OUTER JOIN "ref_offence" AS "t7"
                ON "t6"."offence_code" = "t7"."offence_code"
              LEFT OUTER JOIN (
                SELECT
                  "t12"."crime_id",
                  "t12"."outcome_code",
                  "t12"."outcome_date",
                  "t12"."first_outcome_date"
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
                ) AS "t12"
                WHERE
                  "t12"."_rank" = 0
              ) AS "t14"
                ON "t6"."crime_id" = "t14"."crime_id"
            ) AS "t16"
              ON "t11"."crime_id" = "t16"."crime_id"
            LEFT OUTER JOIN "persons" AS "t5"
              ON "t11"."person_id" = "t5"."person_id"
          ) AS "t17"
          WHERE
            "t17"."is_da"
        ) AS "t19"
        INNER JOIN (
          SELECT
            "t0"."crime_id",
            "t0"."person_id" AS "victim_id"
          FROM "crime_persons" AS "t0"
          WHERE
            "t0"."role" = 'victim'
        ) AS "t10"
          ON "t19"."crime_id" = "t10"."crime_id"
      ) AS "t20"
      WHERE
        "t20"."person_id" <> "t20"."victim_id"
    ) AS "t21"
  ) AS "t22"
  WHERE
    "t22"."recorded_date" IS NOT NULL
) AS "t23"
GROUP BY
  1;
