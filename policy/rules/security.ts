/** What runs with root/SYSTEM rights, and the audit trail: hooks, task documents, the log bucket, role grants. */
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  associationParameters,
  linked,
  list,
  runsPatchBaseline,
  safeJson,
  statements,
  taskParameters,
  TYPES,
} from "../resources";
import { ENVIRONMENT_LIST_SCHEMA, EnvironmentListConfig, inListedEnvironment } from "./environment";

/** 6. Hooks and documents. */

interface HookConfig {
  /** Accounts whose shared documents may run as hooks; this account's and AWS's always may. */
  readonly trustedAccounts: string[];
}

const HOOK_PARAMETERS = ["PreInstallHookDocName", "PostInstallHookDocName", "OnExitHookDocName"];

export const trustedHooks: ResourceValidationPolicy = {
  name: "ssm-hook-documents-trusted",
  description:
    "Hook documents of AWS-RunPatchBaselineWithHooks come from this account, AWS, or an allow-listed account.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      trustedAccounts: {
        type: "array",
        items: { type: "string", pattern: "^\\d{12}$" },
        default: [],
        description: "12-digit accounts whose shared documents may run as hooks.",
      },
    },
  },
  validateResource: (args, report) => {
    if (args.type !== TYPES.task && args.type !== TYPES.association) return;
    const params = args.type === TYPES.task ? taskParameters(args) : associationParameters(args);
    const trusted = args.getConfig<HookConfig>().trustedAccounts;
    for (const name of HOOK_PARAMETERS)
      for (const doc of params[name] ?? []) {
        const account = /^arn:aws[\w-]*:ssm:[\w-]*:(\d{12}):document\//.exec(doc)?.[1];
        if (account && !trusted.includes(account))
          report(
            `${name} = ${doc}: a document of account ${account}, which is not in trustedAccounts; hooks run as root/SYSTEM`,
          );
      }
  },
};

interface DownloadConfig {
  readonly allowDownloadedScripts: boolean;
}

/** Run-script steps that fetch something to run: curl, wget, Invoke-WebRequest and their kin. */
const DOWNLOAD =
  /\b(curl|wget|Invoke-WebRequest|iwr|Invoke-RestMethod|irm|Start-BitsTransfer|DownloadString|DownloadFile)\b/i;

export const noDownloadedScripts: StackValidationPolicy = {
  name: "ssm-task-document-no-downloaded-script",
  description:
    "A Command document that a window task runs does not download a script in aws:runShellScript or aws:runPowerShellScript.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowDownloadedScripts: { type: "boolean", default: false, description: "Allow downloads in task documents." },
    },
  },
  validateStack: (args, report) => {
    if (args.getConfig<DownloadConfig>().allowDownloadedScripts) return;
    const documents = args.resources
      .filter((r) => r.type === TYPES.task)
      .flatMap((task) => linked(task, "taskArn").filter((d) => d.type === TYPES.document));
    for (const doc of new Set(documents)) {
      const content = (typeof doc.props.content === "string" ? safeJson(doc.props.content) : doc.props.content) as
        | { mainSteps?: { action?: string; inputs?: { runCommand?: unknown } }[] }
        | undefined;
      for (const step of content?.mainSteps ?? []) {
        if (!/^aws:run(Shell|PowerShell)Script$/.test(step.action ?? "")) continue;
        const command = list(step.inputs?.runCommand).find((line) => DOWNLOAD.test(line));
        if (command) report(`document ${doc.name}: ${step.action} downloads what it runs (${command.trim()})`, doc.urn);
      }
    }
  },
};

/** 7. Audit. */

/** Buckets patch output, data sync or association output go to, through the engine's links. */
function patchLogBuckets(resources: readonly PolicyResource[]): PolicyResource[] {
  const writers = resources.filter(
    (r) => (r.type === TYPES.task && runsPatchBaseline(r)) || r.type === TYPES.dataSync || r.type === TYPES.association,
  );
  const fields = ["taskInvocationParameters", "s3Destination", "outputLocation"];
  return [
    ...new Set(writers.flatMap((w) => fields.flatMap((f) => linked(w, f))).filter((r) => r.type === TYPES.bucket)),
  ];
}

/** Resources of `type` whose `bucket` input came from `bucket`. */
const onBucket = (resources: readonly PolicyResource[], type: string, bucket: PolicyResource) =>
  resources.filter((r) => r.type === type && linked(r, "bucket").includes(bucket));

export const patchLogBucket: StackValidationPolicy = {
  name: "ssm-patch-log-bucket-secure",
  description: "The bucket patch output goes to is encrypted, versioned, TLS-only and blocks public access.",
  enforcementLevel: "mandatory",
  validateStack: ({ resources }, report) => {
    for (const bucket of patchLogBuckets(resources)) {
      const missing: string[] = [];
      if (onBucket(resources, TYPES.bucketEncryption, bucket).length === 0) missing.push("default encryption");
      const block = onBucket(resources, TYPES.bucketPublicAccess, bucket)[0]?.props;
      if (
        !block ||
        !["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].every(
          (k) => block[k] === true,
        )
      )
        missing.push("all four public access blocks");
      if (
        !onBucket(resources, TYPES.bucketVersioning, bucket).some(
          (v) => v.props.versioningConfiguration?.status === "Enabled",
        )
      )
        missing.push("versioning");
      const tlsOnly = onBucket(resources, TYPES.bucketPolicy, bucket).some((p) =>
        statements(p.props.policy).some(
          (s) =>
            s.Effect === "Deny" &&
            /"aws:SecureTransport":"?false"?/.test(JSON.stringify((s as { Condition?: unknown }).Condition ?? {})),
        ),
      );
      if (!tlsOnly) missing.push("a policy denying aws:SecureTransport false");
      if (missing.length > 0) report(`patch-log bucket ${bucket.name} lacks ${missing.join(", ")}`, bucket.urn);
    }
  },
};

export const auditDataProtected: StackValidationPolicy = {
  name: "ssm-audit-data-protected",
  description:
    "In the listed environments the patch-log bucket is protected from deletion (the engine passes policy packs `protect`, not `retainOnDelete`).",
  enforcementLevel: "advisory",
  configSchema: { properties: ENVIRONMENT_LIST_SCHEMA },
  validateStack: (args, report) => {
    const config = args.getConfig<EnvironmentListConfig>();
    for (const bucket of patchLogBuckets(args.resources))
      if (inListedEnvironment(bucket, config) && !bucket.opts.protect)
        report(
          `patch-log bucket ${bucket.name} is not protected; set protect (retainOnDelete is not visible to policy packs)`,
          bucket.urn,
        );
  },
};

/** Whether a role's trust policy lets Systems Manager assume it. */
const trustsSsm = (role: PolicyResource) =>
  JSON.stringify(
    typeof role.props.assumeRolePolicy === "string"
      ? safeJson(role.props.assumeRolePolicy)
      : (role.props.assumeRolePolicy ?? {}),
  ).includes("ssm.amazonaws.com");

export const windowRolePassRole: StackValidationPolicy = {
  name: "ssm-service-role-no-passrole-star",
  description: "A role Systems Manager assumes has no iam:PassRole (or iam:*, *) on every resource.",
  enforcementLevel: "mandatory",
  validateStack: ({ resources }, report) => {
    for (const role of resources.filter((r) => r.type === TYPES.role && trustsSsm(r))) {
      const inline = list(role.props.inlinePolicies?.map?.((p: { policy?: string }) => p.policy));
      const attached = resources
        .filter((r) => r.type === TYPES.rolePolicy && linked(r, "role").includes(role))
        .map((r) => r.props.policy);
      for (const statement of [...inline, ...attached].flatMap(statements)) {
        const actions = list(statement.Action);
        const passes = actions.some((a) => ["iam:PassRole", "iam:*", "*"].includes(a));
        if (statement.Effect === "Allow" && passes && list(statement.Resource).includes("*"))
          report(`role ${role.name}: ${actions.join(", ")} on *; name the roles it may pass`, role.urn);
      }
    }
  },
};
