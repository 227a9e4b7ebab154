/**
 * Where a bridge posts and the secret it signs with, for the anchor: the secret masked until the field has focus. The
 * caller keeps the values in its own component state only (never the store, the logs or the broadcast state).
 */
export function IngestSecretFields(props: {
  endpoint: string;
  secret: string;
  labels: { endpoint: string; secret: string };
  hint: string;
  className: string;
  testIds: { box: string; secret: string };
}) {
  return (
    <div className={props.className} data-testid={props.testIds.box}>
      <label>
        {props.labels.endpoint}
        <input readOnly value={props.endpoint} />
      </label>
      <label>
        {props.labels.secret}
        <input
          readOnly
          type="password"
          value={props.secret}
          data-testid={props.testIds.secret}
          onFocus={(e) => (e.target.type = 'text')}
          onBlur={(e) => (e.target.type = 'password')}
        />
      </label>
      <p className="muted">{props.hint}</p>
    </div>
  );
}
