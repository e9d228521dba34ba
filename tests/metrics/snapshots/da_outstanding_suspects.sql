WITH "t18" AS (
  SELECT
    "t17"."area",
    GREATEST("t17"."recorded_date", COALESCE("t17"."linked_date", "t17"."recorded_date")) AS "start",
    LEAST("t17"."first_outcome_date", "t12"."first_arrest") AS "end",
    "t17"."is_da"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t5"."role",
        "t5"."crime_id",
        "t5"."person_id",
        "t14"."recorded_date",
        "t5"."linked_date",
        "t5"."age",
        "t14"."area",
        "t14"."vawg_category",
        "t14"."is_vawg",
        "t14"."is_da",
        "t14"."first_outcome_date"
      FROM "crime_persons" AS "t5"
      INNER JOIN (
        SELECT
          "t6"."crime_id",
          "t6"."recorded_date",
          "t10"."outcome_date",
          "t10"."first_outcome_date",
          "t6"."area",
          COALESCE("t7"."vawg_category", 'other_offence') AS "vawg_category",
          COALESCE("t7"."offence_group", 'unknown') AS "offence_group",
          CASE WHEN COALESCE("t6"."da_flag", FALSE) THEN 'da' ELSE 'non_da' END AS "da",
          CASE WHEN COALESCE("t6"."online_flag", FALSE) THEN 'online' ELSE 'not_online' END AS "online",
          CASE WHEN COALESCE("t6"."hba_flag", FALSE) THEN 'hba' ELSE 'not_hba' END AS "hba",
          (
            "t7"."vawg_category" IS NOT NULL
          )
          OR COALESCE("t6"."da_flag", FALSE)
          OR COALESCE("t6"."hba_flag", FALSE) AS "is_vawg",
          COALESCE("t6"."da_flag", FALSE) AS "is_da",
          "t6"."offence_code" = '8Q' AS "is_stalking",
          "t10"."outcome_code"
        FROM "crimes" AS "t6"
        LEFT OUTER JOIN "ref_offence" AS "t7"
          ON "t6"."offence_code" = "t7"."offence_code"
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
          ON "t6"."crime_id" = "t10"."crime_id"
      ) AS "t14"
        ON "t5"."crime_id" = "t14"."crime_id"
    ) AS "t15"
    WHERE
      "t15"."role" = 'suspect' AND "t15"."is_da"
  ) AS "t17"
  LEFT OUTER JOIN (
    SELECT
      "t8"."person_id",
      "t8"."crime_id",
      MIN("t8"."arrest_date") AS "first_arrest"
    FROM (
      SELECT
        *
      FROM "custody" AS "t1"
      WHERE
        "t1"."crime_id" IS NOT NULL
    ) AS "t8"
    GROUP BY
      1,
      2
  ) AS "t12"
    ON "t17"."person_id" = "t12"."person_id" AND "t17"."crime_id" = "t12"."crime_id"
), "t30" AS (
  SELECT
    *
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t19"."area",
        '6-12 months' AS "outstanding_band",
        "t19"."start" + INTERVAL '182' DAY AS "start",
        LEAST("t19"."start" + INTERVAL '365' DAY, "t19"."end") AS "end",
        FALSE AS "is_total",
        TRUE AS "is_band"
      FROM "t18" AS "t19"
    ) AS "t23"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        "t19"."area",
        '12 months or more' AS "outstanding_band",
        "t19"."start" + INTERVAL '365' DAY AS "start",
        "t19"."end",
        FALSE AS "is_total",
        TRUE AS "is_band"
      FROM "t18" AS "t19"
    ) AS "t21"
  ) AS "t26"
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t19"."area",
          'all' AS "outstanding_band",
          "t19"."start",
          "t19"."end",
          TRUE AS "is_total",
          FALSE AS "is_band"
        FROM "t18" AS "t19"
      ) AS "t20"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          "t19"."area",
          'under 1 month' AS "outstanding_band",
          "t19"."start" + INTERVAL '0' DAY AS "start",
          LEAST("t19"."start" + INTERVAL '30' DAY, "t19"."end") AS "end",
          FALSE AS "is_total",
          TRUE AS "is_band"
        FROM "t18" AS "t19"
      ) AS "t24"
    ) AS "t27"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t19"."area",
          '1-3 months' AS "outstanding_band",
          "t19"."start" + INTERVAL '30' DAY AS "start",
          LEAST("t19"."start" + INTERVAL '91' DAY, "t19"."end") AS "end",
          FALSE AS "is_total",
          TRUE AS "is_band"
        FROM "t18" AS "t19"
      ) AS "t25"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          "t19"."area",
          '3-6 months' AS "outstanding_band",
          "t19"."start" + INTERVAL '91' DAY AS "start",
          LEAST("t19"."start" + INTERVAL '182' DAY, "t19"."end") AS "end",
          FALSE AS "is_total",
          TRUE AS "is_band"
        FROM "t18" AS "t19"
      ) AS "t22"
    ) AS "t28"
  ) AS "t29"
)
SELECT
  "t34"."month",
  "t34"."area",
  SUM("t34"."m0") AS "m0"
FROM (
  SELECT
    *
  FROM (
    SELECT
      DATE_TRUNC('MONTH', "t31"."start") AS "month",
      "t31"."area",
      CASE WHEN "t31"."is_total" THEN 1 ELSE 0 END AS "m0"
    FROM "t30" AS "t31"
    WHERE
      "t31"."start" IS NOT NULL
      AND (
        (
          "t31"."end" IS NULL
        ) OR (
          "t31"."end" > "t31"."start"
        )
      )
      AND "t31"."is_total"
  ) AS "t32"
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      DATE_TRUNC('MONTH', "t31"."end") AS "month",
      "t31"."area",
      CASE WHEN "t31"."is_total" THEN -1 ELSE 0 END AS "m0"
    FROM "t30" AS "t31"
    WHERE
      "t31"."start" IS NOT NULL
      AND (
        (
          "t31"."end" IS NULL
        ) OR (
          "t31"."end" > "t31"."start"
        )
      )
      AND "t31"."is_total"
      AND "t31"."end" IS NOT NULL
  ) AS "t33"
) AS "t34"
GROUP BY
  1,
  2;
