/** A list's table: column headers, the rows given as children, and a message when there are none. */
export function DataTable({ headers, isEmpty, emptyText, children }: { headers: string[]; isEmpty: boolean; emptyText: string; children: React.ReactNode }) {
  return (
    <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-100 text-xs uppercase text-slate-600">
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col" className="px-3 py-2">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {isEmpty && (
            <tr>
              <td colSpan={headers.length} className="px-3 py-6 text-center text-slate-500">{emptyText}</td>
            </tr>
          )}
          {children}
        </tbody>
      </table>
    </div>
  );
}

/** The search box of a list: a GET form, so results have a URL and work without JavaScript. */
export function SearchForm({ q, label, placeholder, button }: { q: string; label: string; placeholder: string; button: string }) {
  return (
    <form role="search" className="ml-auto flex gap-2">
      <label htmlFor="q" className="sr-only">{label}</label>
      <input id="q" name="q" defaultValue={q} placeholder={placeholder} autoComplete="off" spellCheck={false} className="rounded border border-slate-300 px-3 py-1.5 text-sm" />
      <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm">{button}</button>
    </form>
  );
}

/** A success notice after a redirect (created, deleted...). */
export function Notice({ children }: { children: React.ReactNode }) {
  return <p role="status" className="mt-4 rounded bg-green-50 px-3 py-2 text-sm text-green-800">{children}</p>;
}
