// Runs before anything else on whatever Node started it, so it must parse on very old versions:
// plain ES5, no optional chaining, no modern APIs. It turns "too old a Node" into one line
// instead of a segfault in a native module or a TypeError deep inside a dependency.
'use strict';
var fs = require('fs');
var path = require('path');
var MIN = [22, 17];
var parts = process.versions.node.split('.').map(Number);
var ok = parts[0] > MIN[0] || (parts[0] === MIN[0] && parts[1] >= MIN[1]);
if (!ok) {
  var bundled = path.join(__dirname, '..', 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node');
  var advice = fs.existsSync(bundled)
    ? 'run it through npm (npm start, npm test, npm run …), which puts the Node that npm ci installed in node_modules/.bin first'
    : 'npm ci installed no Node runtime for ' + process.platform + '-' + process.arch + ': install Node.js 26 LTS (nvm install, which reads .nvmrc) and run npm ci again';
  process.stderr.write('retrofun-graphql: needs Node.js >= ' + MIN.join('.') + ' but this is ' + process.version + '; ' + advice + '\n');
  process.exit(1);
}
