import { readFileSync } from 'node:fs';
import { minimumPolicy, OPS_READ_ACTIONS, type OpsCommandName } from '../../lib/ops/iam-actions';

// The minimum policies in docs/operations.md must be exactly what the code lists for each command:
// the same list builds the read-only operations role, so a stale document would mislead an auditor.
const DOC = readFileSync('docs/operations.md', 'utf8');

function documentedPolicy(command: string): unknown {
  // A command may say where its policy applies: `service-report` (in each account it reads…):
  const match = new RegExp(`\`${command}\`(?: \\([^)]*\\))?:\\n\\n\`\`\`json\\n([\\s\\S]*?)\\n\`\`\``).exec(
    DOC,
  );
  if (match?.[1] === undefined) throw new Error(`docs/operations.md has no policy block for ${command}`);
  return JSON.parse(match[1]);
}

describe('docs/operations.md minimum IAM policies', () => {
  it.each(Object.keys(OPS_READ_ACTIONS) as OpsCommandName[])('%s matches OPS_READ_ACTIONS', (command) => {
    expect(documentedPolicy(command)).toEqual(minimumPolicy(command));
  });
});
