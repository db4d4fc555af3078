SELECT ('{' || ('"id":' || coalesce(to_json(t0."artist_id")::text, 'null') || ',"name":' || coalesce(to_json(t0."name")::text, 'null') || ',"albums":' || coalesce((SELECT '[' || coalesce(string_agg(x.j, ',' ORDER BY x.k0 DESC NULLS FIRST, x.k1 ASC NULLS LAST), '') || ']'
        FROM
          (SELECT ('{' || ('"title":' || coalesce(to_json(t1."title")::text, 'null') || ',"tracks":' || coalesce((SELECT '[' || coalesce(string_agg(x.j, ',' ORDER BY x.k0 DESC NULLS FIRST, x.k1 ASC NULLS LAST), '') || ']'
                  FROM
                    (SELECT ('{' || ('"name":' || coalesce(to_json(t2."name")::text, 'null') || ',"milliseconds":' || coalesce(to_json(t2."milliseconds")::text, 'null')) || '}') AS j, t2."milliseconds" AS k0, t2."track_id" AS k1
                    FROM "track" AS t2
                    WHERE t2."album_id" = t1."album_id" AND t2."milliseconds" > $1
                    ORDER BY t2."milliseconds" DESC NULLS FIRST, t2."track_id" ASC NULLS LAST
                    LIMIT $2
                    OFFSET $3) AS x), 'null')) || '}') AS j, t1."title" AS k0, t1."album_id" AS k1
          FROM "album" AS t1
          WHERE t1."artist_id" = t0."artist_id" AND t1."title" <> $4
          ORDER BY t1."title" DESC NULLS FIRST, t1."album_id" ASC NULLS LAST
          LIMIT $5) AS x), 'null')) || '}') AS j
FROM "artist" AS t0
WHERE t0."artist_id" IN ($6, $7, $8)
ORDER BY t0."name" ASC NULLS LAST, t0."artist_id" ASC NULLS LAST
LIMIT $9
-- bindings: [200000,3,1,"Live After Death",2,1,22,90,100]
