/**
 * What the stand-in pulumi CLI keeps on disk, laid out as the CLI's DIY backend lays it out
 * (pulumi/pulumi pkg/backend/diy: `.pulumi/stacks/<org>/<project>/<stack>.json` and
 * `.pulumi/locks/<org>/<project>/<stack>/<id>.json`), and the stack files it writes, as
 * `pulumi config set` writes them: structured values as YAML, secrets as `secure:` ciphertext
 * encrypted with the stack's own passphrase-derived key (a per-stack `encryptionsalt`).
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
  private readonly backend: string;

  constructor(readonly workDir: string) {
    const project = parse(fs.readFileSync(path.join(workDir, "Pulumi.yaml"), "utf8")) as { name: string };
    this.project = project.name;
    const url = process.env.PULUMI_BACKEND_URL ?? "";
    if (!url.startsWith("file://")) throw new CliError("the stand-in CLI needs PULUMI_BACKEND_URL=file://<dir>");
    this.backend = url.slice("file://".length);
  }

  private statePath = (stack: string) =>
    path.join(this.backend, ".pulumi", "stacks", "organization", this.project, `${stack}.json`);
  lockDir = (stack: string) => path.join(this.backend, ".pulumi", "locks", "organization", this.project, stack);
  stackFile = (stack: string) => path.join(this.workDir, `Pulumi.${stack}.yaml`);

  stacks(): string[] {
    const dir = path.dirname(this.statePath("x"));
    return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => f.replace(/\.json$/, "")) : [];
  }

  exists = (stack: string) => fs.existsSync(this.statePath(stack));

  /** The CLI's message for a missing stack (the Automation API maps it to StackNotFoundError). */
  require(stack: string): void {
    if (!this.exists(stack)) throw new CliError(`no stack named '${stack}' found`);
  }

  init(stack: string): void {
    if (this.exists(stack)) throw new CliError(`stack '${stack}' already exists`);
    this.save(stack, { resources: [], outputs: {}, secretOutputs: [], history: [] });
  }

  load(stack: string): StackState {
    this.require(stack);
    return JSON.parse(fs.readFileSync(this.statePath(stack), "utf8")) as StackState;
  }

  save(stack: string, state: StackState): void {
    fs.mkdirSync(path.dirname(this.statePath(stack)), { recursive: true });
    fs.writeFileSync(this.statePath(stack), JSON.stringify(state, null, 2));
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

  /** The stack's key: scrypt of PULUMI_CONFIG_PASSPHRASE and the stack's own salt, made on first use. */
  private key(doc: Document): Buffer {
    const passphrase = process.env.PULUMI_CONFIG_PASSPHRASE;
    if (passphrase === undefined)
      throw new CliError("passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE");
    let salt = doc.get("encryptionsalt") as string | undefined;
    if (!salt) {
      salt = `v1:${crypto.randomBytes(8).toString("base64")}`;
      doc.set("encryptionsalt", salt);
    }
    return crypto.scryptSync(passphrase, salt, 32);
  }

  encrypt(doc: Document, plaintext: string): string {
    const nonce = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", this.key(doc), nonce);
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `v1:${nonce.toString("base64")}:${body.toString("base64")}`;
  }

  decrypt(doc: Document, ciphertext: string): string {
    const [, nonce, body] = ciphertext.split(":");
    const data = Buffer.from(body ?? "", "base64");
    try {
      const decipher = crypto.createDecipheriv("aes-256-gcm", this.key(doc), Buffer.from(nonce ?? "", "base64"));
      decipher.setAuthTag(data.subarray(data.length - 16));
      return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
    } catch {
      throw new CliError("failed to decrypt encrypted configuration value: incorrect passphrase");
    }
  }
}
