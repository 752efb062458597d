/**
 * What the stand-in pulumi CLI keeps on disk, laid out as the CLI's DIY backend lays it out in its
 * project mode (pulumi/pulumi pkg/backend/diy store.go, lock.go, meta.go): `.pulumi/meta.yaml`
 * (`version: 1`), `.pulumi/stacks/<project>/<stack>.json`, `.pulumi/history/<project>/<stack>/`,
 * and `.pulumi/locks/organization/<project>/<stack>/<id>.json` (the fully qualified name). Stack
 * references are `<stack>`, `organization/<stack>` or `organization/<project>/<stack>`.
 *
 * Stack files are written as `pulumi config set` writes them: structured values as YAML, secrets
 * as `secure:` ciphertext. The passphrase secrets provider (pkg/secrets/passphrase) derives the
 * stack's key with PBKDF2-SHA256 (1,000,000 iterations) from PULUMI_CONFIG_PASSPHRASE and a random
 * salt, and `stack init` stores `encryptionsalt: v1:<salt>:v1:<nonce>:<ciphertext of "pulumi">`, which
 * later commands decrypt to check the passphrase. FAKE_PULUMI_KDF_ITERATIONS lowers the iteration
 * count for the test suite's speed; nothing else differs.
 *
 * The selected stack is kept per project under PULUMI_HOME (`workspaces/<project>-workspace.json`),
 * which `stack select` and `stack init` (without `--no-select`) change.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Document, isMap, parse, parseDocument } from "yaml";

export class CliError extends Error {}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  custom: boolean;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

export interface StackState {
  resources: StateResource[];
  outputs: Record<string, unknown>;
  secretOutputs: string[];
  history: Record<string, unknown>[];
}

export class Store {
  readonly project: string;
  /** Pulumi.yaml's `config:` defaults, which `pulumi config` lists beside the stack file's own values. */
  readonly projectDefaults: Record<string, unknown>;
  private readonly backend: string;

  constructor(readonly workDir: string) {
    const project = parse(fs.readFileSync(path.join(workDir, "Pulumi.yaml"), "utf8")) as {
      name: string;
      config?: Record<string, { default?: unknown }>;
    };
    this.project = project.name;
    this.projectDefaults = Object.fromEntries(
      Object.entries(project.config ?? {})
        .filter(([, v]) => v?.default !== undefined)
        .map(([k, v]) => [k.includes(":") ? k : `${project.name}:${k}`, v.default]),
    );
    const url = process.env.PULUMI_BACKEND_URL ?? "";
    if (!url.startsWith("file://")) throw new CliError("the stand-in CLI needs PULUMI_BACKEND_URL=file://<dir>");
    this.backend = url.slice("file://".length);
  }

  /** A stack reference's own name, refusing an organization or project the DIY backend would refuse. */
  name(ref: string): string {
    const parts = ref.split("/");
    const [org, project] =
      parts.length === 3 ? parts : parts.length === 2 ? [parts[0], this.project] : ["organization", this.project];
    if (org !== "organization") throw new CliError("organization name must be 'organization'");
    if (project !== this.project)
      throw new CliError(`project name '${project}' does not match this project '${this.project}'`);
    return parts[parts.length - 1];
  }

  private statePath = (stack: string) =>
    path.join(this.backend, ".pulumi", "stacks", this.project, `${this.name(stack)}.json`);
  private historyDir = (stack: string) => path.join(this.backend, ".pulumi", "history", this.project, this.name(stack));
  lockDir = (stack: string) =>
    path.join(this.backend, ".pulumi", "locks", "organization", this.project, this.name(stack));
  stackFile = (stack: string) => path.join(this.workDir, `Pulumi.${this.name(stack)}.yaml`);

  /** The directory's selected stack, as `pulumi stack select` records it. */
  private workspaceFile = () =>
    path.join(
      process.env.PULUMI_HOME ?? path.join(os.homedir(), ".pulumi"),
      "workspaces",
      `${this.project}-workspace.json`,
    );
  selected(): string | undefined {
    const file = this.workspaceFile();
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as { stack?: string }).stack : undefined;
  }
  select(stack: string): void {
    this.require(stack);
    fs.mkdirSync(path.dirname(this.workspaceFile()), { recursive: true });
    fs.writeFileSync(
      this.workspaceFile(),
      JSON.stringify({ stack: `organization/${this.project}/${this.name(stack)}` }),
    );
  }

  stacks(): string[] {
    const dir = path.dirname(this.statePath("x"));
    return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => f.replace(/\.json$/, "")) : [];
  }

  exists = (stack: string) => fs.existsSync(this.statePath(stack));

  /** The CLI's message for a missing stack (the Automation API maps it to StackNotFoundError). */
  require(stack: string): void {
    if (!this.exists(stack)) throw new CliError(`no stack named '${stack}' found`);
  }

  /** `stack init`: the passphrase provider's salt and check value go into the stack file first. */
  init(stack: string): void {
    if (this.exists(stack)) throw new CliError(`stack '${stack}' already exists`);
    const file = this.stackFile(stack);
    const doc = fs.existsSync(file) ? parseDocument(fs.readFileSync(file, "utf8")) : new Document({});
    if (!doc.get("encryptionsalt")) {
      const salt = `v1:${crypto.randomBytes(8).toString("base64")}`;
      const key = this.derive(salt);
      doc.set("encryptionsalt", `${salt}:${seal(key, "pulumi")}`);
      this.write(stack, doc);
    }
    const meta = path.join(this.backend, ".pulumi", "meta.yaml");
    if (!fs.existsSync(meta)) {
      fs.mkdirSync(path.dirname(meta), { recursive: true });
      fs.writeFileSync(meta, "version: 1\n");
    }
    this.save(stack, { resources: [], outputs: {}, secretOutputs: [], history: [] });
  }

  load(stack: string): StackState {
    this.require(stack);
    return JSON.parse(fs.readFileSync(this.statePath(stack), "utf8")) as StackState;
  }

  save(stack: string, state: StackState): void {
    fs.mkdirSync(path.dirname(this.statePath(stack)), { recursive: true });
    fs.writeFileSync(this.statePath(stack), JSON.stringify(state, null, 2));
    if (state.history.length > 0) {
      const dir = this.historyDir(stack);
      fs.mkdirSync(dir, { recursive: true });
      const name = `${this.name(stack)}-${Date.now()}.history.json`;
      fs.writeFileSync(path.join(dir, name), JSON.stringify(state.history[0], null, 2));
    }
  }

  /** Takes the update lock, refusing with the DIY backend's message when another holds it. */
  lock(stack: string): string {
    const dir = this.lockDir(stack);
    const held = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    if (held.length > 0) {
      const holders = held.map((file) => {
        const l = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Record<string, unknown>;
        return `\n  file://${path.join(dir, file)}: created by ${l.username}@${l.hostname} (pid ${l.pid}) at ${l.timestamp}`;
      });
      throw new CliError(
        `the stack is currently locked by ${held.length} lock(s). Either wait for the other process(es) to end or delete the lock file with \`pulumi cancel\`.${holders.join("")}`,
      );
    }
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${crypto.randomUUID()}.json`);
    const content = { pid: process.pid, username: os.userInfo().username, hostname: os.hostname() };
    fs.writeFileSync(file, JSON.stringify({ ...content, timestamp: new Date().toISOString() }));
    return file;
  }

  /** `pulumi cancel` on a DIY backend deletes the stack's lock files. */
  cancel(stack: string): void {
    this.require(stack);
    fs.rmSync(this.lockDir(stack), { recursive: true, force: true });
  }

  // Stack files and secrets.

  document(stack: string): Document {
    const file = this.stackFile(stack);
    const doc = fs.existsSync(file) ? parseDocument(fs.readFileSync(file, "utf8")) : new Document({});
    if (!isMap(doc.contents)) doc.contents = doc.createNode({});
    if (!doc.has("config")) doc.set("config", doc.createNode({}));
    return doc;
  }

  write(stack: string, doc: Document): void {
    fs.writeFileSync(this.stackFile(stack), doc.toString());
  }

  private readonly keys = new Map<string, Buffer>();

  private derive(salt: string): Buffer {
    const cached = this.keys.get(salt);
    if (cached) return cached;
    const passphrase = process.env.PULUMI_CONFIG_PASSPHRASE;
    if (passphrase === undefined)
      throw new CliError(
        "passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables",
      );
    const iterations = Number(process.env.FAKE_PULUMI_KDF_ITERATIONS ?? 1_000_000);
    const key = crypto.pbkdf2Sync(
      passphrase,
      Buffer.from(salt.slice("v1:".length), "base64"),
      iterations,
      32,
      "sha256",
    );
    this.keys.set(salt, key);
    return key;
  }

  /** The stack's key, checked against the `encryptionsalt` check value: a wrong passphrase is refused. */
  private key(doc: Document): Buffer {
    const stored = doc.get("encryptionsalt") as string | undefined;
    if (!stored) throw new CliError("this stack has no encryptionsalt: run `pulumi stack init` first");
    const [v, salt, ...check] = stored.split(":");
    const key = this.derive(`${v}:${salt}`);
    if (open(key, check.join(":")) !== "pulumi") throw new CliError("incorrect passphrase");
    return key;
  }

  /** Whether the passphrase opens this stack (any command that reads its config needs it). */
  unlock(stack: string): void {
    this.key(this.document(stack));
  }

  encrypt(doc: Document, plaintext: string): string {
    return seal(this.key(doc), plaintext);
  }

  decrypt(doc: Document, ciphertext: string): string {
    const plain = open(this.key(doc), ciphertext);
    if (plain === undefined)
      throw new CliError("failed to decrypt encrypted configuration value: incorrect passphrase");
    return plain;
  }
}

/** AES-256-GCM, written `v1:<nonce>:<ciphertext and tag>` in base64 (pkg/secrets/passphrase). */
function seal(key: Buffer, plaintext: string): string {
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, nonce);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1:${nonce.toString("base64")}:${body.toString("base64")}`;
}

function open(key: Buffer, ciphertext: string): string | undefined {
  const [, nonce, body] = ciphertext.split(":");
  const data = Buffer.from(body ?? "", "base64");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(nonce ?? "", "base64"));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}
