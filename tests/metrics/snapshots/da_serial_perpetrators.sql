SELECT
  DATE_TRUNC('MONTH', "t21"."recorded_date") AS "period_start",
  COUNT(DISTINCT "t21"."person_id") FILTER(WHERE
    "t21"."is_serial") AS "m0"
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
      "t19"."victim_id",
      COALESCE(
        (
          MIN("t19"."victim_id") OVER (
            PARTITION BY "t19"."person_id"
            ORDER BY "t19"."recorded_date" ASC
            RANGE BETWEEN INTERVAL '1094' DAY preceding AND TO_DAYS(CAST(0 AS INT)) following
          ) <> MAX("t19"."victim_id") OVER (
            PARTITION BY "t19"."person_id"
            ORDER BY "t19"."recorded_date" ASC
            RANGE BETWEEN INTERVAL '1094' DAY preceding AND TO_DAYS(CAST(0 AS INT)) following
          )
        )
        AND (
          MIN("t19"."crime_id") OVER (
            PARTITION BY "t19"."person_id"
            ORDER BY "t19"."recorded_date" ASC
            RANGE BETWEEN INTERVAL '1094' DAY preceding AND TO_DAYS(CAST(0 AS INT)) following
          ) <> MAX("t19"."crime_id") OVER (
            PARTITION BY "t19"."person_id"
            ORDER BY "t19"."recorded_date" ASC
            RANGE BETWEEN INTERVAL '1094' DAY preceding AND TO_DAYS(CAST(0 AS INT)) following
          )
        ),
        FALSE
      )
      AND (
        COALESCE("t19"."age" >= 16, FALSE) OR (
          "t19"."age" IS NULL
        )
      ) AS "is_serial"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t17"."crime_id",
          "t17"."person_id",
          "t17"."recorded_date",
          "t17"."linked_date",
          "t17"."age",
          "t17"."area",
          "t17"."vawg_category",
          "t17"."is_vawg",
          "t17"."is_da",
          "t17"."first_outcome_date",
          "t8"."victim_id"
        FROM (
          SELECT
            *
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
              "t14"."first_outcome_date"
            FROM (
              SELECT
                *
              FROM "crime_persons" AS "t0"
              WHERE
                "t0"."role" = 'suspect'
            ) AS "t9"
            INNER JOIN (
              SELECT
                "t4"."crime_id",
                "t4"."recorded_date",
                "t12"."outcome_date",
                "t12"."first_outcome_date",
                "t4"."area",
                COALESCE("t5"."vawg_category", 'other_offence') AS "vawg_category",
                COALESCE("t5"."offence_group", 'unknown') AS "offence_group",
                CASE WHEN COALESCE("t4"."da_flag", FALSE) THEN 'da' ELSE 'non_da' END AS "da",
                (
                  "t5"."vawg_category" IS NOT NULL
                )
                OR COALESCE("t4"."da_flag", FALSE)
                OR COALESCE("t4"."hba_flag", FALSE) AS "is_vawg",
                COALESCE("t4"."da_flag", FALSE) AS "is_da",
                "t4"."offence_code" = '8Q' AS "is_stalking",
                "t12"."outcome_code" IS NOT NULL AS "has_outcome",
                COALESCE("t12"."outcome_code" IN ('1', '1A', '2', '3', '4', '6', '7', '8'), FALSE) AS "is_positive",
                COALESCE("t12"."outcome_code" IN ('1', '1A'), FALSE) AS "is_charge",
                COALESCE("t12"."outcome_code" = '1', FALSE) AS "is_oc1",
                COALESCE("t12"."outcome_code" IN ('14', '16'), FALSE) AS "is_not_supporting",
                COALESCE("t12"."outcome_code" IN ('15'), FALSE) AS "is_evidential",
                DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t12"."outcome_date") - DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t4"."recorded_date") AS "days_to_outcome"
              FROM "crimes" AS "t4"
              LEFT OUTER JOIN "ref_offence" AS "t5"
                ON "t4"."offence_code" = "t5"."offence_code"
              LEFT OUTER JOIN (
                SELECT
                  "t10"."crime_id",
                  "t10"."outcome_code",
                  "t10"."outcome_date",
                  "t10"."first_outcome_date"
                FROM (
                  SELECT
                    "t3"."crime_id",
                    "t3"."outcome_code",
                    "t3"."outcome_date",
                    "t3"."load_id",
                    ROW_NUMBER() OVER (
                      PARTITION BY "t3"."crime_id"
                      ORDER BY "t3"."outcome_date" DESC, "t3"."load_id" DESC, "t3"."outcome_code" DESC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) - 1 AS "_rank",
                    MIN("t3"."outcome_date") OVER (
                      PARTITION BY "t3"."crime_id"
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) AS "first_outcome_date"
                  FROM "outcomes" AS "t3"
                ) AS "t10"
                WHERE
                  "t10"."_rank" = 0
              ) AS "t12"
                ON "t4"."crime_id" = "t12"."crime_id"
            ) AS "t14"
              ON "t9"."crime_id" = "t14"."crime_id"
          ) AS "t15"
          WHERE
            "t15"."is_da"
        ) AS "t17"
        INNER JOIN (
          SELECT
            "t0"."crime_id",
            "t0"."person_id" AS "victim_id"
          FROM "crime_persons" AS "t0"
          WHERE
            "t0"."role" = 'victim'
        ) AS "t8"
          ON "t17"."crime_id" = "t8"."crime_id"
      ) AS "t18"
      WHERE
        "t18"."person_id" <> "t18"."victim_id"
    ) AS "t19"
  ) AS "t20"
  WHERE
    "t20"."recorded_date" IS NOT NULL
) AS "t21"
GROUP BY
  1;
