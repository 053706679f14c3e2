/** Inputs bound to one draft field, showing the errors reported for that field's API path. */
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import type { DeploymentDraft } from './draft';
import { errorsUnder, type FieldErrors } from './validation';

export interface SectionProps {
  draft: DeploymentDraft;
  errors: FieldErrors;
  onChange: (patch: Partial<DeploymentDraft>) => void;
}

type StringField = {
  [K in keyof DeploymentDraft]: DeploymentDraft[K] extends string ? K : never;
}[keyof DeploymentDraft];

interface DraftFieldProps extends SectionProps {
  field: StringField;
  /** The API path errors are reported under, e.g. `spec.scaling.replicas`. */
  path: string;
  /** Further paths whose own errors (not their children's) belong here, e.g. a missing parent object. */
  exact?: string[];
  label: string;
  hint?: string;
  type?: 'text' | 'number';
  required?: boolean;
  /** Choices for a native select: [value, label]. */
  options?: readonly (readonly [string, string])[];
  textFieldProps?: Partial<TextFieldProps>;
}

export function DraftField(props: DraftFieldProps) {
  const messages = [
    ...(props.exact ?? []).flatMap(path => (props.errors[path] ? [props.errors[path]] : [])),
    ...errorsUnder(props.errors, props.path),
  ];
  const select = props.options !== undefined;
  return (
    <TextField
      size="small"
      label={props.label}
      value={props.draft[props.field]}
      required={props.required ?? false}
      type={props.type ?? 'text'}
      error={messages.length > 0}
      helperText={messages.length > 0 ? messages.join('; ') : props.hint}
      onChange={event => props.onChange({ [props.field]: event.target.value })}
      select={select}
      SelectProps={select ? { native: true } : undefined}
      InputLabelProps={select ? { shrink: true } : undefined}
      inputProps={props.type === 'number' ? { min: 0, step: 1 } : undefined}
      sx={{ minWidth: 200 }}
      {...props.textFieldProps}
    >
      {props.options?.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </TextField>
  );
}
