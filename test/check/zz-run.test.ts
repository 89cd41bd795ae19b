import { it } from 'vitest';
import { checkCommand } from '../../src/cli/check-command.js';
it('run', () => {
  const out: string[] = [];
  const status = checkCommand.run([process.env['FILE']!, '--html', '/tmp/out.html'], { stdout: (t) => out.push(t), stderr: (t) => out.push('ERR ' + t) });
  console.log(out.join('') + 'status ' + status);
});
