// The pack's program: the build beside it (a checkout, or the installed patching package), or,
// where the directory stands alone (published with `pulumi policy publish`), the patching package
// its package.json depends on.
const fs = require("fs");
const path = require("path");

const built = path.join(__dirname, "..", "bin", "policy", "index.js");
require(fs.existsSync(built) ? built : "patching/policy/pack");
