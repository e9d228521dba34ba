WITH "t20" AS (
  SELECT
    "t19"."area",
    GREATEST("t19"."recorded_date", COALESCE("t19"."linked_date", "t19"."recorded_date")) AS "start",
    LEAST("t19"."first_outcome_date", "t12"."first_arrest") AS "end",
    "t19"."is_da"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t9"."crime_id",
        "t9"."person_id",
        "t16"."recorded_date",
        "t9"."linked_date",
        "t9"."age",
        "t16"."area",
        "t16"."vawg_category",
        "t16"."is_vawg",
        "t16"."is_da",
        "t16"."first_outcome_date"
      FROM (
        SELECT
          *
        FROM "crime_persons" AS "t1"
        WHERE
          "t1"."role" = 'suspect'
      ) AS "t9"
      INNER JOIN (
        SELECT
          "t5"."crime_id",
          "t5"."recorded_date",
          "t14"."outcome_date",
          "t14"."first_outcome_date",
          "t5"."area",
          COALESCE("t6"."vawg_category", 'other_offence') AS "vawg_category",
          COALESCE("t6"."offence_group", 'unknown') AS "offence_group",
          CASE WHEN COALESCE("t5"."da_flag", FALSE) THEN 'da' ELSE 'non_da' END AS "da",
          (
            "t6"."vawg_category" IS NOT NULL
          )
          OR COALESCE("t5"."da_flag", FALSE)
          OR COALESCE("t5"."hba_flag", FALSE) AS "is_vawg",
          COALESCE("t5"."da_flag", FALSE) AS "is_da",
          "t5"."offence_code" = '8Q' AS "is_stalking",
          "t14"."outcome_code" IS NOT NULL AS "has_outcome",
          COALESCE("t14"."outcome_code" IN ('1', '1A', '2', '3', '4', '6', '7', '8'), FALSE) AS "is_positive",
          COALESCE("t14"."outcome_code" IN ('1', '1A'), FALSE) AS "is_charge",
          COALESCE("t14"."outcome_code" = '1', FALSE) AS "is_oc1",
          COALESCE("t14"."outcome_code" IN ('14', '16'), FALSE) AS "is_not_supporting",
          COALESCE("t14"."outcome_code" IN ('15'), FALSE) AS "is_evidential",
          DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t14"."outcome_date") - DATE_DIFF('DAY', MAKE_DATE(1970, 1, 1), "t5"."recorded_date") AS "days_to_outcome"
        FROM "crimes" AS "t5"
        LEFT OUTER JOIN "ref_offence" AS "t6"
          ON "t5"."offence_code" = "t6"."offence_code"
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
        ) AS "t14"
          ON "t5"."crime_id" = "t14"."crime_id"
      ) AS "t16"
        ON "t9"."crime_id" = "t16"."crime_id"
    ) AS "t17"
    WHERE
      "t17"."is_da"
  ) AS "t19"
  LEFT OUTER JOIN (
    SELECT
      "t7"."person_id",
      "t7"."crime_id",
      MIN("t7"."arrest_date") AS "first_arrest"
    FROM (
      SELECT
        *
      FROM "custody" AS "t0"
      WHERE
        "t0"."crime_id" IS NOT NULL
    ) AS "t7"
    GROUP BY
      1,
      2
  ) AS "t12"
    ON "t19"."person_id" = "t12"."person_id" AND "t19"."crime_id" = "t12"."crime_id"
), "t32" AS (
  SELECT
    *
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t21"."area",
        '6-12 months' AS "outstanding_band",
        "t21"."start" + INTERVAL '182' DAY AS "start",
        LEAST("t21"."start" + INTERVAL '365' DAY, "t21"."end") AS "end",
        FALSE AS "is_total",
        TRUE AS "is_band"
      FROM "t20" AS "t21"
    ) AS "t25"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        "t21"."area",
        '12 months or more' AS "outstanding_band",
        "t21"."start" + INTERVAL '365' DAY AS "start",
        "t21"."end",
        FALSE AS "is_total",
        TRUE AS "is_band"
      FROM "t20" AS "t21"
    ) AS "t23"
  ) AS "t28"
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
          "t21"."area",
          'all' AS "outstanding_band",
          "t21"."start",
          "t21"."end",
          TRUE AS "is_total",
          FALSE AS "is_band"
        FROM "t20" AS "t21"
      ) AS "t22"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          "t21"."area",
          'under 1 month' AS "outstanding_band",
          "t21"."start" + INTERVAL '0' DAY AS "start",
          LEAST("t21"."start" + INTERVAL '30' DAY, "t21"."end") AS "end",
          FALSE AS "is_total",
          TRUE AS "is_band"
        FROM "t20" AS "t21"
      ) AS "t26"
    ) AS "t29"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t21"."area",
          '1-3 months' AS "outstanding_band",
          "t21"."start" + INTERVAL '30' DAY AS "start",
          LEAST("t21"."start" + INTERVAL '91' DAY, "t21"."end") AS "end",
          FALSE AS "is_total",
          TRUE AS "is_band"
        FROM "t20" AS "t21"
      ) AS "t27"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          "t21"."area",
          '3-6 months' AS "outstanding_band",
          "t21"."start" + INTERVAL '91' DAY AS "start",
          LEAST("t21"."start" + INTERVAL '182' DAY, "t21"."end") AS "end",
          FALSE AS "is_total",
          TRUE AS "is_band"
        FROM "t20" AS "t21"
      ) AS "t24"
    ) AS "t30"
  ) AS "t31"
)
SELECT
  "t36"."month",
  "t36"."area",
  SUM("t36"."m0") AS "m0"
FROM (
  SELECT
    *
  FROM (
    SELECT
      DATE_TRUNC('MONTH', "t33"."start") AS "month",
      "t33"."area",
      CASE WHEN "t33"."is_total" THEN 1 ELSE 0 END AS "m0"
    FROM "t32" AS "t33"
    WHERE
      "t33"."start" IS NOT NULL
      AND (
        (
          "t33"."end" IS NULL
        ) OR (
          "t33"."end" > "t33"."start"
        )
      )
      AND "t33"."is_total"
  ) AS "t34"
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      DATE_TRUNC('MONTH', "t33"."end") AS "month",
      "t33"."area",
      CASE WHEN "t33"."is_total" THEN -1 ELSE 0 END AS "m0"
    FROM "t32" AS "t33"
    WHERE
      "t33"."start" IS NOT NULL
      AND (
        (
          "t33"."end" IS NULL
        ) OR (
          "t33"."end" > "t33"."start"
        )
      )
      AND "t33"."is_total"
      AND "t33"."end" IS NOT NULL
  ) AS "t35"
) AS "t36"
GROUP BY
  1,
  2;
