SELECT
  MAKE_DATE(
    CASE
      WHEN EXTRACT(month FROM "t17"."recorded_date") >= 4
      THEN EXTRACT(year FROM "t17"."recorded_date")
      ELSE EXTRACT(year FROM "t17"."recorded_date") - 1
    END,
    4,
    1
  ) AS "period_start",
  "t17"."age_band",
  COUNT(*) FILTER(WHERE
    "t17"."is_vawg" AND "t17"."age_known") AS "m0"
FROM (
  SELECT
    "t16"."role",
    "t16"."crime_id",
    "t16"."person_id",
    "t16"."recorded_date",
    "t16"."linked_date",
    "t16"."age",
    "t16"."area",
    "t16"."vawg_category",
    "t16"."is_vawg",
    "t16"."is_da",
    "t16"."first_outcome_date",
    "t16"."sex",
    "t16"."ethnicity_group",
    CASE
      WHEN "t16"."sex" = 'F'
      THEN 'female'
      WHEN "t16"."sex" = 'M'
      THEN 'male'
      WHEN "t16"."sex" = 'X'
      THEN 'other'
      ELSE 'not_stated'
    END AS "victim_sex",
    CASE
      WHEN "t16"."ethnicity_group" IN ('Asian', 'Black', 'Mixed', 'White', 'Other')
      THEN "t16"."ethnicity_group"
      ELSE 'not_stated'
    END AS "victim_ethnicity",
    CASE
      WHEN (
        "t16"."age" >= 0
      ) AND (
        "t16"."age" <= 17
      )
      THEN '0-17'
      WHEN (
        "t16"."age" >= 18
      ) AND (
        "t16"."age" <= 24
      )
      THEN '18-24'
      WHEN (
        "t16"."age" >= 25
      ) AND (
        "t16"."age" <= 34
      )
      THEN '25-34'
      WHEN (
        "t16"."age" >= 35
      ) AND (
        "t16"."age" <= 44
      )
      THEN '35-44'
      WHEN (
        "t16"."age" >= 45
      ) AND (
        "t16"."age" <= 54
      )
      THEN '45-54'
      WHEN (
        "t16"."age" >= 55
      ) AND (
        "t16"."age" <= 64
      )
      THEN '55-64'
      WHEN "t16"."age" >= 65
      THEN '65+'
      ELSE 'unknown'
    END AS "age_band",
    "t16"."age" IS NOT NULL AS "age_known",
    COALESCE("t16"."age" BETWEEN 18 AND 34, FALSE) AS "is_young_adult"
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
      COALESCE("t5"."sex", 'U') AS "sex",
      "t5"."ethnicity_group"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t6"."role",
          "t6"."crime_id",
          "t6"."person_id",
          "t12"."recorded_date",
          "t6"."linked_date",
          "t6"."age",
          "t12"."area",
          "t12"."vawg_category",
          "t12"."is_vawg",
          "t12"."is_da",
          "t12"."first_outcome_date"
        FROM "crime_persons" AS "t6"
        INNER JOIN (
          SELECT
            "t7"."crime_id",
            "t7"."recorded_date",
            "t10"."outcome_date",
            "t10"."first_outcome_date",
            "t7"."area",
            COALESCE("t8"."vawg_category", 'other_offence') AS "vawg_category",
            COALESCE("t8"."offence_group", 'unknown') AS "offence_group",
            CASE WHEN COALESCE("t7"."da_flag", FALSE) THEN 'da' ELSE 'non_da' END AS "da",
            CASE WHEN COALESCE("t7"."online_flag", FALSE) THEN 'online' ELSE 'not_online' END AS "online",
            CASE WHEN COALESCE("t7"."hba_flag", FALSE) THEN 'hba' ELSE 'not_hba' END AS "hba",
            (
              "t8"."vawg_category" IS NOT NULL
            )
            OR COALESCE("t7"."da_flag", FALSE)
            OR COALESCE("t7"."hba_flag", FALSE) AS "is_vawg",
            COALESCE("t7"."da_flag", FALSE) AS "is_da",
            "t7"."offence_code" = '8Q' AS "is_stalking",
            "t10"."outcome_code"
          FROM "crimes" AS "t7"
          LEFT OUTER JOIN "ref_offence" AS "t8"
            ON "t7"."offence_code" = "t8"."offence_code"
          LEFT OUTER JOIN (
            SELECT
              "t4"."crime_id",
              FIRST(
                "t4"."outcome_code" ORDER BY {'d': "t4"."outcome_date", 'l': "t4"."load_id", 'c': "t4"."outcome_code"} DESC
              ) AS "outcome_code",
              MAX("t4"."outcome_date") AS "outcome_date",
              MIN("t4"."outcome_date") AS "first_outcome_date"
            FROM "outcomes" AS "t4"
            GROUP BY
              1
          ) AS "t10"
            ON "t7"."crime_id" = "t10"."crime_id"
        ) AS "t12"
          ON "t6"."crime_id" = "t12"."crime_id"
      ) AS "t13"
      WHERE
        "t13"."role" = 'victim'
    ) AS "t15"
    LEFT OUTER JOIN "persons" AS "t5"
      ON "t15"."person_id" = "t5"."person_id"
  ) AS "t16"
  WHERE
    "t16"."recorded_date" IS NOT NULL
) AS "t17"
GROUP BY
  1,
  2;
