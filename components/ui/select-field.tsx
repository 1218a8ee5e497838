/** A labelled <select> for filter forms (GET), with an optional first "all" option meaning no filter. */
export function SelectField({
  id,
  name,
  label,
  options,
  defaultValue,
  allLabel,
}: {
  id: string;
  name: string;
  label: string;
  options: { value: string | number; label: string }[];
  defaultValue?: string | number;
  allLabel?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue ?? ""}>
        {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
