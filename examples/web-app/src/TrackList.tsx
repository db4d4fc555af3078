import { useQuery } from "@apollo/client/react";
import { useDeferredValue, useState } from "react";
import { GenresDocument, TracksDocument, type TrackWhere } from "./gql/graphql";
import { Problem } from "./Problem";

const PAGE = 20;
const PRICES = [["any", ""], ["up to 0.99", "0.99"], ["up to 1.99", "1.99"]] as const;

/** The store's products: tracks, searched by name and filtered by genre and price. */
export function TrackList() {
  const [search, setSearch] = useState("");
  const [genre, setGenre] = useState("");
  const [maxPrice, setMaxPrice] = useState("");
  const [page, setPage] = useState(0);
  const term = useDeferredValue(search.trim());
  const genres = useQuery(GenresDocument);
  const where: TrackWhere = {
    ...(term ? { name: { _ilike: `%${term.replace(/[\\%_]/g, "\\$&")}%` } } : {}),
    ...(genre ? { genre: { id: { _eq: Number(genre) } } } : {}),
    ...(maxPrice ? { unitPrice: { _lte: Number(maxPrice) } } : {}),
  };
  const { data, error, loading } = useQuery(TracksDocument, { variables: { where, limit: PAGE, offset: page * PAGE } });
  const count = data?.tracksAggregate.count ?? 0;
  const refine = (change: () => void) => {
    change();
    setPage(0);
  };
  return (
    <section>
      <div className="filters">
        <input id="search" type="search" placeholder="search tracks" value={search} onChange={(e) => refine(() => setSearch(e.target.value))} />
        <select id="genre" value={genre} onChange={(e) => refine(() => setGenre(e.target.value))}>
          <option value="">every genre</option>
          {genres.data?.genres.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
        <select id="max-price" value={maxPrice} onChange={(e) => refine(() => setMaxPrice(e.target.value))}>
          {PRICES.map(([label, value]) => (
            <option key={label} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {error && <Problem error={error} />}
      {data && (
        <>
          <p id="track-count">
            {count} tracks{loading ? " …" : ""}
          </p>
          <table id="tracks">
            <thead>
              <tr>
                <th>Track</th>
                <th>Artist</th>
                <th>Album</th>
                <th>Genre</th>
                <th>Price</th>
              </tr>
            </thead>
            <tbody>
              {data.tracks.map((t) => (
                <tr key={t.id} className="track-row" data-id={t.id}>
                  <td>{t.name}</td>
                  <td>{t.album?.artist?.name}</td>
                  <td>{t.album?.title}</td>
                  <td>{t.genre?.name}</td>
                  <td className="number">{t.unitPrice.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pages">
            <button id="previous" disabled={page === 0} onClick={() => setPage(page - 1)}>
              Previous
            </button>
            <span>
              page {page + 1} of {Math.max(1, Math.ceil(count / PAGE))}
            </span>
            <button id="next" disabled={(page + 1) * PAGE >= count} onClick={() => setPage(page + 1)}>
              Next
            </button>
          </div>
        </>
      )}
    </section>
  );
}
