/**
 * The create page's editing state: the form draft, the YAML text, and the fields without inputs (`rest`),
 * kept in sync both ways. A form edit rewrites the YAML; a YAML edit that parses rewrites the form; YAML
 * that does not parse leaves the form as it was and says why.
 */
import { parseYaml, toYaml } from '@airunway/shared-client/yaml';
import { useMemo, useState } from 'react';
import { type DeploymentDraft, draftToObject, type JsonObject, objectToDraft } from './draft';

/** Why the YAML text did not update the form: it does not parse (the parser's words), or it is not a mapping. */
export type YamlProblem = { kind: 'syntax'; message: string } | { kind: 'not-a-mapping' };

interface EditorState {
  draft: DeploymentDraft;
  rest: JsonObject;
  yaml: string;
  yamlError: YamlProblem | null;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `initial`: the form's fields, and for an edit the object's other fields (`rest`), kept as they are. */
export function useDeploymentEditor(initial: () => { draft: DeploymentDraft; rest?: JsonObject }) {
  const [state, setState] = useState<EditorState>(() => {
    const { draft, rest = {} } = initial();
    return { draft, rest, yaml: toYaml(draftToObject(draft, rest)), yamlError: null };
  });
  const object = useMemo(() => draftToObject(state.draft, state.rest), [state.draft, state.rest]);

  const updateForm = (patch: Partial<DeploymentDraft>) =>
    setState(current => {
      const draft = { ...current.draft, ...patch };
      return {
        ...current,
        draft,
        yaml: toYaml(draftToObject(draft, current.rest)),
        yamlError: null,
      };
    });

  const updateYaml = (yaml: string) =>
    setState(current => {
      let parsed: unknown;
      try {
        parsed = parseYaml(yaml);
      } catch (error) {
        return {
          ...current,
          yaml,
          yamlError: { kind: 'syntax', message: (error as Error).message },
        };
      }
      if (!isObject(parsed)) return { ...current, yaml, yamlError: { kind: 'not-a-mapping' } };
      return { ...objectToDraft(parsed), yaml, yamlError: null };
    });

  /** A whole new object (a recipe applied): the form, `rest` and the YAML all follow it. */
  const replaceObject = (next: JsonObject) =>
    setState(() => {
      const { draft, rest } = objectToDraft(next);
      return { draft, rest, yaml: toYaml(draftToObject(draft, rest)), yamlError: null };
    });

  return { ...state, object, updateForm, updateYaml, replaceObject };
}
