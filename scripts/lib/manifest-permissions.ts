/**
 * What a built manifest asks the browser for, compared exactly with the repository's allow-list
 * (permissions-allowlist.json). Every permission, host pattern, content-script match, web-
 * accessible resource, external connection and top-level manifest key (so a
 * `content_security_policy`, `sandbox` or `commands` cannot arrive unnoticed) must be listed
 * there with a reason; an entry the
 * build no longer asks for must be removed. DESIGN.md "Permissions and privacy" is the policy.
 */

/** The parts of a manifest that grant or expose something, each as a flat list of strings. */
export const CATEGORIES = [
  'permissions',
  'optional_permissions',
  'host_permissions',
  'optional_host_permissions',
  'content_scripts',
  'web_accessible_resources',
  'externally_connectable',
  'data_collection_permissions',
  'manifest_keys',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** Entry -> why the extension needs it (shown in review; must not be empty). */
export type Reasons = Record<string, string>;

/** One build's allowed entries per category; `{}` means the build must ask for none. */
export type TargetAllowList = Record<Category, Reasons>;

/** The allow-list file: a `$comment` and one TargetAllowList per build folder under .output/. */
export type AllowList = { $comment?: string } & Record<string, TargetAllowList | string | undefined>;

interface ManifestLike {
  [key: string]: unknown;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches?: string[] }[];
  web_accessible_resources?: (string | { resources?: string[]; matches?: string[]; extension_ids?: string[] })[];
  externally_connectable?: { matches?: string[]; ids?: string[]; accepts_tls_channel_id?: boolean };
  browser_specific_settings?: { gecko?: { data_collection_permissions?: { required?: string[]; optional?: string[] } } };
}

/**
 * The entries of each category in a parsed manifest.json. Web-accessible resources read as
 * `resource for <matches or extension ids>`; external connections as `matches:<pattern>` and
 * `ids:<id>`; Firefox's data collection as `required:<kind>` and `optional:<kind>`.
 */
export function manifestEntries(manifest: ManifestLike): Record<Category, string[]> {
  const war = (manifest.web_accessible_resources ?? []).flatMap((w) =>
    typeof w === 'string' ? [w] : (w.resources ?? []).map((r) => `${r} for ${[...(w.matches ?? []), ...(w.extension_ids ?? [])].join(' ')}`),
  );
  const ec = manifest.externally_connectable;
  const dc = manifest.browser_specific_settings?.gecko?.data_collection_permissions;
  return {
    permissions: manifest.permissions ?? [],
    optional_permissions: manifest.optional_permissions ?? [],
    host_permissions: manifest.host_permissions ?? [],
    optional_host_permissions: manifest.optional_host_permissions ?? [],
    content_scripts: (manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []),
    web_accessible_resources: war,
    // Present at all, even empty, it changes who may connect: list it so it shows up.
    externally_connectable: ec ? [...(ec.matches ?? []).map((m) => `matches:${m}`), ...(ec.ids ?? []).map((i) => `ids:${i}`), ...(ec.matches || ec.ids ? [] : ['(declared)'])] : [],
    data_collection_permissions: dc ? [...(dc.required ?? []).map((k) => `required:${k}`), ...(dc.optional ?? []).map((k) => `optional:${k}`)] : [],
    // Any other key can widen what the extension may do (a content_security_policy allowing
    // 'unsafe-eval', a sandbox page, chrome_url_overrides, a key): each must be meant.
    manifest_keys: Object.keys(manifest),
  };
}

/**
 * Problems between one build's manifest and its allow-list, one sentence each naming the entry;
 * empty when they agree exactly.
 * @param target the build folder name, e.g. `chrome-mv3` (for the messages).
 */
export function comparePermissions(target: string, manifest: ManifestLike, allowed: TargetAllowList | undefined): string[] {
  if (!allowed || typeof allowed !== 'object') return [`${target}: permissions-allowlist.json has no section for this build`];
  const problems: string[] = [];
  const entries = manifestEntries(manifest);
  for (const category of CATEGORIES) {
    const list = allowed[category];
    if (!list || typeof list !== 'object') {
      problems.push(`${target}: permissions-allowlist.json has no "${category}" (write {} for none)`);
      continue;
    }
    const built = new Set(entries[category]);
    for (const entry of built) {
      if (!Object.hasOwn(list, entry)) {
        problems.push(`${target}: the manifest asks for ${category} "${entry}", which permissions-allowlist.json does not allow (add it there with a reason if it is meant)`);
      }
    }
    for (const [entry, reason] of Object.entries(list)) {
      if (!built.has(entry)) problems.push(`${target}: permissions-allowlist.json allows ${category} "${entry}", which the manifest no longer asks for (remove it)`);
      if (typeof reason !== 'string' || reason.trim().length < 10) problems.push(`${target}: ${category} "${entry}" in permissions-allowlist.json needs a reason`);
    }
  }
  for (const key of Object.keys(allowed)) {
    if (!(CATEGORIES as readonly string[]).includes(key)) problems.push(`${target}: permissions-allowlist.json has an unknown category "${key}"`);
  }
  return problems;
}

/**
 * Entries the store-listing notes (docs/permissions.md) do not mention: every allowed
 * permission and host pattern must appear there in backticks.
 */
export function undocumented(allowed: TargetAllowList, doc: string): string[] {
  const kinds: Category[] = ['permissions', 'optional_permissions', 'host_permissions', 'optional_host_permissions'];
  return kinds.flatMap((k) => Object.keys(allowed[k] ?? {}).filter((entry) => !doc.includes(`\`${entry}\``)).map((entry) => `${k} "${entry}"`));
}
