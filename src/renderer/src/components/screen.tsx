import type { ReactNode } from 'react';

export function Screen(props: { title: string; subtitle: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <div className="screen">
      <header className="screen__header">
        <div>
          <h1>{props.title}</h1>
          <p className="screen__subtitle">{props.subtitle}</p>
        </div>
        {props.actions ? <div className="screen__actions">{props.actions}</div> : null}
      </header>
      <div className="screen__body">{props.children}</div>
    </div>
  );
}
