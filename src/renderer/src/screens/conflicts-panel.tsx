import { useState } from 'react';
import type { ConflictField } from '../../../shared/domain';
import { api } from '../api/client';
import { useQuery } from '../api/use-query';
import { QueryView } from '../components/query-view';
import { t } from '../i18n';
import { editText, FieldValue, parseEdit } from './field-value';

type Choice = { choice: 'mine' | 'theirs' } | { choice: 'value'; value: unknown };

const keyOf = (c: ConflictField) => `${c.recordId}:${c.path}`;
const labelOf = (c: ConflictField) => `${c.entity} ${c.remoteId} · ${c.path}`;

/** Open field conflicts: base, mine and theirs side by side; resolve one, or a selection at once. */
export function ConflictsPanel() {
  const conflicts = useQuery('conflicts:list', {}, ['status:changed', 'records:changed']);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  // One after another: each resolution changes the record, and the next one must see that.
  const resolve = (rows: ConflictField[], choice: Choice) => {
    setBusy(true);
    (async () => {
      for (const c of rows)
        await api.invoke('conflicts:resolve', { recordId: c.recordId, path: c.path, ...choice });
    })()
      .then(
        () => {
          setMessage(null);
          const done = new Set(rows.map(keyOf));
          setSelected((s) => new Set([...s].filter((k) => !done.has(k))));
          setEditing((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !done.has(k))));
        },
        (err: unknown) => setMessage(err instanceof Error ? err.message : String(err)),
      )
      .finally(() => {
        setBusy(false);
        conflicts.reload();
      });
  };

  return (
    <section className="conflicts" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title" className="section-title">
        {t('changes.conflicts.title')}
      </h2>
      {message ? (
        <div className="error-box" role="alert">
          {message}
        </div>
      ) : null}
      <QueryView query={conflicts}>
        {(items) => {
          if (items.length === 0) return <p className="muted">{t('changes.conflicts.empty')}</p>;
          // Selection survives reloads, but only rows still listed count.
          const chosen = items.filter((c) => selected.has(keyOf(c)));
          const all = chosen.length === items.length;
          return (
            <>
              <div className="conflicts__bulk">
                <span className="muted">{t('changes.conflicts.selected', { n: chosen.length })}</span>
                <button
                  type="button"
                  disabled={busy || chosen.length === 0}
                  onClick={() => resolve(chosen, { choice: 'mine' })}
                >
                  {t('changes.conflicts.mineSelected')}
                </button>
                <button
                  type="button"
                  disabled={busy || chosen.length === 0}
                  onClick={() => resolve(chosen, { choice: 'theirs' })}
                >
                  {t('changes.conflicts.theirsSelected')}
                </button>
              </div>
              <table className="table conflicts__table">
                <thead>
                  <tr>
                    <th scope="col" className="conflicts__check">
                      <input
                        type="checkbox"
                        checked={all}
                        aria-label={t('changes.conflicts.selectAll')}
                        onChange={() => setSelected(all ? new Set() : new Set(items.map(keyOf)))}
                      />
                    </th>
                    <th scope="col">{t('changes.col.record')}</th>
                    <th scope="col">{t('changes.conflicts.field')}</th>
                    <th scope="col">{t('changes.conflicts.base')}</th>
                    <th scope="col">{t('changes.conflicts.mine')}</th>
                    <th scope="col">{t('changes.conflicts.theirs')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('connections.col.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => {
                    const key = keyOf(c);
                    const label = labelOf(c);
                    const draft = editing[key];
                    return (
                      <tr key={key}>
                        <td className="conflicts__check">
                          <input
                            type="checkbox"
                            checked={selected.has(key)}
                            aria-label={t('changes.conflicts.select', { field: label })}
                            onChange={(e) => {
                              const on = e.target.checked;
                              setSelected((s) => {
                                const next = new Set(s);
                                if (on) next.add(key);
                                else next.delete(key);
                                return next;
                              });
                            }}
                          />
                        </td>
                        <td>
                          {c.entity} {c.remoteId}
                        </td>
                        <td className="mono">{c.path}</td>
                        <td className="conflicts__base">
                          <FieldValue value={c.base} />
                        </td>
                        <td>
                          <FieldValue value={c.mine} />
                        </td>
                        <td>
                          <FieldValue value={c.theirs} />
                        </td>
                        <td className="actions">
                          {draft === undefined ? (
                            <>
                              <button
                                type="button"
                                disabled={busy}
                                aria-label={t('changes.conflicts.keepMineOne', { field: label })}
                                onClick={() => resolve([c], { choice: 'mine' })}
                              >
                                {t('changes.conflicts.keepMine')}
                              </button>
                              <button
                                type="button"
                                disabled={busy}
                                aria-label={t('changes.conflicts.takeTheirsOne', { field: label })}
                                onClick={() => resolve([c], { choice: 'theirs' })}
                              >
                                {t('changes.conflicts.takeTheirs')}
                              </button>
                              <button
                                type="button"
                                disabled={busy}
                                aria-label={t('changes.conflicts.editOne', { field: label })}
                                onClick={() => setEditing((e) => ({ ...e, [key]: editText(c.mine) }))}
                              >
                                {t('changes.conflicts.edit')}
                              </button>
                            </>
                          ) : (
                            <form
                              className="conflicts__edit"
                              onSubmit={(e) => {
                                e.preventDefault();
                                resolve([c], { choice: 'value', value: parseEdit(draft) });
                              }}
                            >
                              <input
                                type="text"
                                value={draft}
                                aria-label={t('changes.conflicts.valueFor', { field: label })}
                                // The user just asked to edit: put the caret in the box.
                                autoFocus
                                onChange={(e) => setEditing((prev) => ({ ...prev, [key]: e.target.value }))}
                                onKeyDown={(e) => {
                                  if (e.key === 'Escape')
                                    setEditing((prev) =>
                                      Object.fromEntries(Object.entries(prev).filter(([k]) => k !== key)),
                                    );
                                }}
                              />
                              <button type="submit" className="primary" disabled={busy}>
                                {t('changes.conflicts.save')}
                              </button>
                              <button
                                type="button"
                                onClick={() =>
                                  setEditing((prev) =>
                                    Object.fromEntries(Object.entries(prev).filter(([k]) => k !== key)),
                                  )
                                }
                              >
                                {t('changes.conflicts.cancel')}
                              </button>
                            </form>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
