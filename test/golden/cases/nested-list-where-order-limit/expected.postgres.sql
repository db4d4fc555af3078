SELECT ('{' || ('"id":' || coalesce(to_json(t0."artist_id")::text, 'null') || ',"name":' || coalesce(to_json(t0."name")::text, 'null') || ',"albums":' || coalesce((SELECT '[' || coalesce(string_agg(x.j, ',' ORDER BY x.n), '') || ']'
        FROM
          (SELECT ('{' || ('"title":' || coalesce(to_json(t1."title")::text, 'null') || ',"tracks":' || coalesce((SELECT '[' || coalesce(string_agg(x.j, ',' ORDER BY x.n), '') || ']'
                  FROM
                    (SELECT ('{' || ('"name":' || coalesce(to_json(t2."name")::text, 'null') || ',"milliseconds":' || coalesce(to_json(t2."milliseconds")::text, 'null')) || '}') AS j, ROW_NUMBER() OVER (ORDER BY t2."milliseconds" DESC NULLS FIRST, t2."track_id" ASC NULLS LAST) AS n
                    FROM "track" AS t2
                    WHERE t2."album_id" = t1."album_id" AND t2."milliseconds" > $1
                    ORDER BY t2."milliseconds" DESC NULLS FIRST, t2."track_id" ASC NULLS LAST
                    LIMIT $2
                    OFFSET $3) AS x), 'null')) || '}') AS j, ROW_NUMBER() OVER (ORDER BY t1."title" DESC NULLS FIRST, t1."album_id" ASC NULLS LAST) AS n
          FROM "album" AS t1
          WHERE t1."artist_id" = t0."artist_id" AND t1."title" <> $4
          ORDER BY t1."title" DESC NULLS FIRST, t1."album_id" ASC NULLS LAST
          LIMIT $5) AS x), 'null')) || '}') AS j
FROM "artist" AS t0
WHERE t0."artist_id" IN ($6, $7, $8)
ORDER BY t0."name" ASC NULLS LAST, t0."artist_id" ASC NULLS LAST
LIMIT $9
-- bindings: [200000,3,1,"Live After Death",2,1,22,90,100]
