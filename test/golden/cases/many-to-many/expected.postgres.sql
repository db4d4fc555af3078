SELECT ('{' || ('"id":' || coalesce(to_json(t0."playlist_id")::text, 'null') || ',"name":' || coalesce(to_json(t0."name")::text, 'null') || ',"tracks":' || coalesce((SELECT '[' || coalesce(string_agg(x.j, ',' ORDER BY x.k0 ASC NULLS LAST, x.k1 ASC NULLS LAST), '') || ']'
        FROM
          (SELECT ('{' || ('"name":' || coalesce(to_json(t1."name")::text, 'null') || ',"playlists":' || coalesce((SELECT '[' || coalesce(string_agg(x.j, ',' ORDER BY x.k0 DESC NULLS FIRST), '') || ']'
                  FROM
                    (SELECT ('{' || ('"id":' || coalesce(to_json(t2."playlist_id")::text, 'null')) || '}') AS j, t2."playlist_id" AS k0
                    FROM "playlist" AS t2
                    WHERE t2."playlist_id" IN
                      (SELECT t3."playlist_id"
                      FROM "playlist_track" AS t3
                      WHERE t3."track_id" = t1."track_id") AND t2."playlist_id" < $1
                    ORDER BY t2."playlist_id" DESC NULLS FIRST
                    LIMIT $2) AS x), 'null')) || '}') AS j, t1."name" AS k0, t1."track_id" AS k1
          FROM "track" AS t1
          WHERE t1."track_id" IN
            (SELECT t4."track_id"
            FROM "playlist_track" AS t4
            WHERE t4."playlist_id" = t0."playlist_id")
          ORDER BY t1."name" ASC NULLS LAST, t1."track_id" ASC NULLS LAST
          LIMIT $3) AS x), 'null') || ',"tracksAggregate":' || coalesce((SELECT ('{' || ('"count":' || coalesce(to_json(count(*))::text, 'null')) || '}')
        FROM "track" AS t5
        WHERE t5."track_id" IN
          (SELECT t6."track_id"
          FROM "playlist_track" AS t6
          WHERE t6."playlist_id" = t0."playlist_id")), 'null')) || '}') AS j
FROM "playlist" AS t0
WHERE t0."playlist_id" IN ($4, $5, $6)
ORDER BY t0."playlist_id" ASC NULLS LAST
LIMIT $7
-- bindings: [5,100,3,11,13,18,100]
