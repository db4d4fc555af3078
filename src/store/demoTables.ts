/** The demo mesh's domains and their tables, parents before children (insert order). */
export const DEMO_TABLES = {
  catalog: ["artist", "album", "genre", "media_type", "track", "playlist", "playlist_track"],
  sales: ["invoice", "invoice_line"],
  crm: ["employee", "customer"],
} as const;

export type DemoDomain = keyof typeof DEMO_TABLES;

export const DEMO_DOMAINS = Object.keys(DEMO_TABLES) as DemoDomain[];
