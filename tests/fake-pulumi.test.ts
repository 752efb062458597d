/**
 * The stand-in pulumi CLI (tests/helpers/fakePulumi) held to the CLI's documented behaviour, so the
 * tests that run the real LocalWorkspace against it test the real contract.
 */
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { parseArgs, parseKeyPath } from "./helpers/fakePulumi/main";
import { FakePulumi, installFakePulumi } from "./helpers/pulumiCli";

describe("the stand-in pulumi CLI's own contract", () => {
  it("parses flags as the CLI's commands take them and refuses any a real command lacks", () => {
    assert.deepEqual(parseArgs(["config", "set-all", "--stack", "dev", "--path", "--plaintext", "a:b[0]=1"]), {
      command: "config set-all",
      positional: [],
      flags: { "--stack": "dev", "--path": true, "--plaintext": ["a:b[0]=1"] },
    });
    assert.deepEqual(parseArgs(["config", "--show-secrets", "--json", "--stack", "prod"]).command, "config");
    // `up --show-secrets` exists since CLI 3.151.0 (pulumi/pulumi CHANGELOG); `up --secret` never did.
    assert.equal(parseArgs(["up", "--yes", "--skip-preview", "--show-secrets"]).flags["--show-secrets"], true);
    assert.throws(() => parseArgs(["up", "--secret"]), /unknown flag: --secret/);
    assert.throws(() => parseArgs(["stack", "export"]), /unknown command "stack export"/);
    assert.deepEqual(parseKeyPath('patching:baselines["Windows-Prod"].approvalRules[0].approveUntilDate'), [
      "patching:baselines",
      "Windows-Prod",
      "approvalRules",
      0,
      "approveUntilDate",
    ]);
  });
});

describe("the stand-in pulumi CLI holds the CLI's documented behaviour", function () {
  this.timeout(60000);
  let fake: FakePulumi;
  let dir: string;
  const pulumi = (...args: string[]) => execFileSync("pulumi", args, { cwd: dir, encoding: "utf8", stdio: "pipe" });
  beforeEach(() => {
    fake = installFakePulumi();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "patching-cli-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: patching\nruntime: nodejs\n");
  });
  afterEach(() => {
    fake.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("stack init needs the passphrase and writes encryptionsalt v1:<salt>:v1:<nonce>:<ciphertext>; a wrong passphrase is refused", () => {
    const passphrase = process.env.PULUMI_CONFIG_PASSPHRASE;
    delete process.env.PULUMI_CONFIG_PASSPHRASE;
    assert.throws(() => pulumi("stack", "init", "dev"), /passphrase must be set with PULUMI_CONFIG_PASSPHRASE/);
    process.env.PULUMI_CONFIG_PASSPHRASE = passphrase;
    pulumi("stack", "init", "dev");
    const salt = parse(fs.readFileSync(path.join(dir, "Pulumi.dev.yaml"), "utf8")).encryptionsalt as string;
    assert.match(salt, /^v1:[A-Za-z0-9+/=]{12}:v1:[A-Za-z0-9+/=]{16}:[A-Za-z0-9+/=]+$/);
    process.env.PULUMI_CONFIG_PASSPHRASE = "wrong";
    assert.throws(
      () => pulumi("config", "set", "a:b", "--secret", "--stack", "dev", "--", "x"),
      /incorrect passphrase/,
    );
  });

  it("`config set --secret KEY` with no value reads it from standard input", () => {
    pulumi("stack", "init", "dev");
    execFileSync("pulumi", ["config", "set", "aws:secretKey", "--secret", "--stack", "dev"], {
      cwd: dir,
      input: "from-stdin",
    });
    assert.equal(JSON.parse(pulumi("config", "get", "aws:secretKey", "--json", "--stack", "dev")).value, "from-stdin");
  });
});
