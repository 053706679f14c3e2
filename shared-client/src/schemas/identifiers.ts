import { z } from 'zod';

// Every pattern here is anchored and built from an explicit allow-list of characters, so none of them
// can admit a shell metacharacter, whitespace or a path separator it does not name. The proxy passes
// these values to Helm, kubectl, the AI Configurator CLI and outbound URLs; the allow-list is the guard.

/** RFC 1123 label: Namespaces, Services, volume names, anything that ends up as a DNS label. */
export const DNS1123_LABEL_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1123_LABEL_MAX_LENGTH = 63;

/** RFC 1123 subdomain: object names the API server accepts (Secrets, PVCs, custom resources). */
export const DNS1123_SUBDOMAIN_PATTERN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

export const Dns1123LabelSchema = z
  .string()
  .max(DNS1123_LABEL_MAX_LENGTH, 'must be at most 63 characters')
  .regex(
    DNS1123_LABEL_PATTERN,
    'must be lower-case letters, digits and "-", starting and ending with a letter or digit'
  );

export const Dns1123SubdomainSchema = z
  .string()
  .max(DNS1123_SUBDOMAIN_MAX_LENGTH, 'must be at most 253 characters')
  .regex(
    DNS1123_SUBDOMAIN_PATTERN,
    'must be lower-case letters, digits, "-" and ".", starting and ending with a letter or digit'
  );

/** Any object name the API server accepts. */
export const K8sObjectNameSchema = Dns1123SubdomainSchema;
export const NamespaceNameSchema = Dns1123LabelSchema;

/**
 * Name for a new ModelDeployment. Stricter than the API server (label, not subdomain) because every
 * provider reuses it as a Service name and a label value, which must be DNS labels.
 */
export const ModelDeploymentNameSchema = Dns1123LabelSchema;

const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

function isQualifiedName(key: string): boolean {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined) {
    if (prefix.length === 0 || prefix.length > DNS1123_SUBDOMAIN_MAX_LENGTH) return false;
    if (!DNS1123_SUBDOMAIN_PATTERN.test(prefix)) return false;
  }
  return name.length > 0 && name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

/** Label and annotation keys, and extended resource names such as `nvidia.com/gpu`. */
export const QualifiedNameSchema = z
  .string()
  .refine(isQualifiedName, 'must be a qualified name such as "example.com/my-key" or "my-key"');

export const LabelValueSchema = z
  .string()
  .max(63, 'must be at most 63 characters')
  .regex(
    /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/,
    'must be letters, digits, "-", "_" and ".", starting and ending with a letter or digit'
  );

export const LabelsSchema = z.record(QualifiedNameSchema, LabelValueSchema);
export const AnnotationsSchema = z.record(QualifiedNameSchema, z.string());

/** One segment of a HuggingFace repo id. HuggingFace caps repo names at 96 characters. */
const HF_SEGMENT_PATTERN = /^[A-Za-z0-9._-]{1,96}$/;

/** `org/name` or a canonical single-segment id (`gpt2`); `.` and `..` segments are traversal. */
export const HF_MODEL_ID_PATTERN = /^[A-Za-z0-9._-]{1,96}(\/[A-Za-z0-9._-]{1,96})?$/;

export function isHfModelId(value: string): boolean {
  if (!HF_MODEL_ID_PATTERN.test(value)) return false;
  return value
    .split('/')
    .every(segment => HF_SEGMENT_PATTERN.test(segment) && segment !== '.' && segment !== '..');
}

export const HfModelIdSchema = z
  .string()
  .refine(
    isHfModelId,
    'must be a HuggingFace model id such as "org/model-name" (letters, digits, ".", "_", "-")'
  );

/** A GGUF file inside a repo, optionally in sub-folders (`Q4_K_M/model-00001-of-00002.gguf`). */
export const GGUF_FILENAME_PATTERN = /^([A-Za-z0-9._-]{1,128}\/){0,4}[A-Za-z0-9._-]{1,200}\.gguf$/i;

export function isGgufFilename(value: string): boolean {
  if (!GGUF_FILENAME_PATTERN.test(value)) return false;
  return value.split('/').every(segment => segment !== '.' && segment !== '..');
}

export const GgufFilenameSchema = z
  .string()
  .refine(isGgufFilename, 'must be a .gguf file name (letters, digits, ".", "_", "-", "/")');

/**
 * A short token passed to a CLI or an upstream API: GPU types (`A100-80GB`, `NVIDIA-A100-SXM4-80GB`),
 * instance types (`Standard_NC24ads_A100_v4`), regions (`eastus`), AIKit model ids (`llama3.2-1b`).
 */
export const SAFE_TOKEN_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export const SafeTokenSchema = z
  .string()
  .regex(SAFE_TOKEN_PATTERN, 'must be letters, digits, ".", "_", ":" and "-" (at most 128)');

/** OAuth `state` values the proxy issues (UUIDs or random base64url strings). */
export const OAUTH_STATE_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
export const OAuthStateSchema = z
  .string()
  .regex(OAUTH_STATE_PATTERN, 'must be the state value returned by the sign-in start step');

/** RFC 7636 code verifier: 43–128 unreserved characters. */
export const PKCE_VERIFIER_PATTERN = /^[A-Za-z0-9._~-]{43,128}$/;
export const PkceVerifierSchema = z
  .string()
  .regex(PKCE_VERIFIER_PATTERN, 'must be a PKCE code verifier (43–128 characters)');

/** OCI repository path for images the proxy builds (`my-model`, `team/my-model`). */
export const IMAGE_NAME_PATTERN = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*){0,3}$/;
export const ImageNameSchema = z
  .string()
  .max(128)
  .regex(IMAGE_NAME_PATTERN, 'must be a lower-case image name such as "my-model"');

export const IMAGE_TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export const ImageTagSchema = z
  .string()
  .regex(IMAGE_TAG_PATTERN, 'must be an image tag such as "v1" (letters, digits, "_", ".", "-")');

/**
 * HuggingFace tokens travel in a header only; the pattern keeps CR/LF and spaces out so a token
 * can never inject a second header.
 */
export const HF_TOKEN_PATTERN = /^[A-Za-z0-9_.~+/=-]{1,2048}$/;
export const HfTokenSchema = z
  .string()
  .regex(HF_TOKEN_PATTERN, 'must be a HuggingFace access token');

/** Characters that must never appear in an identifier the proxy forwards. */
export const SHELL_METACHARACTERS = [
  ';',
  '|',
  '&',
  '$',
  '`',
  '<',
  '>',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  "'",
  '"',
  '\\',
  ' ',
  '\n',
  '*',
  '?',
  '!',
] as const;
