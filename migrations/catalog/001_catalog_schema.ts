import type { Knex } from "knex";
import { createTable } from "../../src/store/createTable.js";

// Types as in Chinook_PostgreSql.sql; every foreign-key column is indexed.
export async function up(knex: Knex): Promise<void> {
  await createTable(knex, "artist", (t, varchar) => {
    t.integer("artist_id").notNullable().primary("artist_pkey");
    varchar("name", 120);
  });
  await createTable(knex, "album", (t, varchar) => {
    t.integer("album_id").notNullable().primary("album_pkey");
    varchar("title", 160).notNullable();
    t.integer("artist_id").notNullable().index("album_artist_id_idx");
    t.foreign("artist_id", "album_artist_id_fkey").references("artist_id").inTable("artist");
  });
  await createTable(knex, "genre", (t, varchar) => {
    t.integer("genre_id").notNullable().primary("genre_pkey");
    varchar("name", 120);
  });
  await createTable(knex, "media_type", (t, varchar) => {
    t.integer("media_type_id").notNullable().primary("media_type_pkey");
    varchar("name", 120);
  });
  await createTable(knex, "track", (t, varchar) => {
    t.integer("track_id").notNullable().primary("track_pkey");
    varchar("name", 200).notNullable();
    t.integer("album_id").index("track_album_id_idx");
    t.integer("media_type_id").notNullable().index("track_media_type_id_idx");
    t.integer("genre_id").index("track_genre_id_idx");
    varchar("composer", 220);
    t.integer("milliseconds").notNullable();
    t.integer("bytes");
    t.decimal("unit_price", 10, 2).notNullable();
    t.foreign("album_id", "track_album_id_fkey").references("album_id").inTable("album");
    t.foreign("media_type_id", "track_media_type_id_fkey").references("media_type_id").inTable("media_type");
    t.foreign("genre_id", "track_genre_id_fkey").references("genre_id").inTable("genre");
  });
  await createTable(knex, "playlist", (t, varchar) => {
    t.integer("playlist_id").notNullable().primary("playlist_pkey");
    varchar("name", 120);
  });
  await createTable(knex, "playlist_track", (t) => {
    t.integer("playlist_id").notNullable().index("playlist_track_playlist_id_idx");
    t.integer("track_id").notNullable().index("playlist_track_track_id_idx");
    t.primary(["playlist_id", "track_id"], "playlist_track_pkey");
    t.foreign("playlist_id", "playlist_track_playlist_id_fkey").references("playlist_id").inTable("playlist");
    t.foreign("track_id", "playlist_track_track_id_fkey").references("track_id").inTable("track");
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ["playlist_track", "playlist", "track", "media_type", "genre", "album", "artist"]) {
    await knex.schema.dropTable(table);
  }
}
