SELECT
  DATE_TRUNC('MONTH', "t19"."recorded_date") AS "period_start",
  COUNT(DISTINCT "t19"."person_id") FILTER(WHERE
    "t19"."is_serial") AS "m0"
FROM (
  SELECT
    *
  FROM (
    SELECT
      "t17"."role",
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
      "t17"."victim_id",
      COALESCE(
        (
          MIN("t17"."victim_id") OVER (
            PARTITION BY "t17"."person_id"
            ORDER BY "t17"."recorded_date" ASC
            RANGE BETWEEN INTERVAL '1094' DAY preceding AND TO_DAYS(CAST(0 AS INT)) following
          ) <> MAX("t17"."victim_id") OVER (
            PARTITION BY "t17"."person_id"
            ORDER BY "t17"."recorded_date" ASC
            RANGE BETWEEN INTERVAL '1094' DAY preceding AND TO_DAYS(CAST(0 AS INT)) following
          )
        )
        AND (
          MIN("t17"."crime_id") OVER (
            PARTITION BY "t17"."person_id"
            ORDER BY "t17"."recorded_date" ASC
            RANGE BETWEEN INTERVAL '1094' DAY preceding AND TO_DAYS(CAST(0 AS INT)) following
          ) <> MAX("t17"."crime_id") OVER (
            PARTITION BY "t17"."person_id"
            ORDER BY "t17"."recorded_date" ASC
            RANGE BETWEEN INTERVAL '1094' DAY preceding AND TO_DAYS(CAST(0 AS INT)) following
          )
        ),
        FALSE
      )
      AND (
        COALESCE("t17"."age" >= 16, FALSE) OR (
          "t17"."age" IS NULL
        )
      ) AS "is_serial"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t15"."role",
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
          "t8"."victim_id"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t4"."role",
              "t4"."crime_id",
              "t4"."person_id",
              "t12"."recorded_date",
              "t4"."linked_date",
              "t4"."age",
              "t12"."area",
              "t12"."vawg_category",
              "t12"."is_vawg",
              "t12"."is_da",
              "t12"."first_outcome_date"
            FROM "crime_persons" AS "t4"
            INNER JOIN (
              SELECT
                "t5"."crime_id",
                "t5"."recorded_date",
                "t10"."outcome_date",
                "t10"."first_outcome_date",
                "t5"."area",
                COALESCE("t6"."vawg_category", 'other_offence') AS "vawg_category",
                COALESCE("t6"."offence_group", 'unknown') AS "offence_group",
                CASE WHEN COALESCE("t5"."da_flag", FALSE) THEN 'da' ELSE 'non_da' END AS "da",
                CASE WHEN COALESCE("t5"."online_flag", FALSE) THEN 'online' ELSE 'not_online' END AS "online",
                CASE WHEN COALESCE("t5"."hba_flag", FALSE) THEN 'hba' ELSE 'not_hba' END AS "hba",
                (
                  "t6"."vawg_category" IS NOT NULL
                )
                OR COALESCE("t5"."da_flag", FALSE)
                OR COALESCE("t5"."hba_flag", FALSE) AS "is_vawg",
                COALESCE("t5"."da_flag", FALSE) AS "is_da",
                "t5"."offence_code" = '8Q' AS "is_stalking",
                "t10"."outcome_code"
              FROM "crimes" AS "t5"
              LEFT OUTER JOIN "ref_offence" AS "t6"
                ON "t5"."offence_code" = "t6"."offence_code"
              LEFT OUTER JOIN (
                SELECT
                  "t3"."crime_id",
                  FIRST(
                    "t3"."outcome_code" ORDER BY {'d': "t3"."outcome_date", 'l': "t3"."load_id", 'c': "t3"."outcome_code"} DESC
                  ) AS "outcome_code",
                  MAX("t3"."outcome_date") AS "outcome_date",
                  MIN("t3"."outcome_date") AS "first_outcome_date"
                FROM "outcomes" AS "t3"
                GROUP BY
                  1
              ) AS "t10"
                ON "t5"."crime_id" = "t10"."crime_id"
            ) AS "t12"
              ON "t4"."crime_id" = "t12"."crime_id"
          ) AS "t13"
          WHERE
            "t13"."role" = 'suspect' AND "t13"."is_da"
        ) AS "t15"
        INNER JOIN (
          SELECT
            "t0"."crime_id",
            "t0"."person_id" AS "victim_id"
          FROM "crime_persons" AS "t0"
          WHERE
            "t0"."role" = 'victim'
        ) AS "t8"
          ON "t15"."crime_id" = "t8"."crime_id"
      ) AS "t16"
      WHERE
        "t16"."person_id" <> "t16"."victim_id"
    ) AS "t17"
  ) AS "t18"
  WHERE
    "t18"."recorded_date" IS NOT NULL
) AS "t19"
GROUP BY
  1;
