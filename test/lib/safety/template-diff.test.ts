import { diffMarkdown, diffTemplates } from '../../../lib/safety/template-diff';

const bucket = (name: string): Record<string, unknown> => ({
  Type: 'AWS::S3::Bucket',
  Properties: { BucketName: name },
});
const topic = { Type: 'AWS::SNS::Topic', Properties: {} };

describe('diffTemplates', () => {
  const baseline = {
    Kept: { Resources: { Logs: bucket('logs-a') } },
    Same: { Resources: { Topic: topic } },
    Gone: { Resources: { Topic: topic } },
  };
  const current = {
    Kept: { Resources: { Logs: bucket('logs-b'), Alerts: topic } },
    Same: { Resources: { Topic: topic } },
    Fresh: { Resources: { Topic: topic } },
  };
  const diffs = diffTemplates(baseline, current);

  it('lists only the stacks that differ, marking new and removed stacks', () => {
    expect(diffs.map((d) => [d.stack, d.status])).toEqual([
      ['Fresh', 'new'],
      ['Gone', 'removed'],
      ['Kept', 'changed'],
    ]);
  });

  it('classifies each resource change and marks stateful resources', () => {
    const kept = diffs.find((d) => d.stack === 'Kept');
    expect(kept?.resources).toEqual([
      { logicalId: 'Alerts', type: 'AWS::SNS::Topic', action: 'add', stateful: false, properties: [] },
      {
        logicalId: 'Logs',
        type: 'AWS::S3::Bucket',
        action: 'replace',
        stateful: true,
        properties: ['BucketName'],
      },
    ]);
  });

  it('writes Markdown that counts the risky changes', () => {
    const md = diffMarkdown(diffs, 4);
    expect(md).toContain('3 of 4 stack(s) change; 1 stateful resource(s) would be replaced');
    expect(md).toContain('| Logs | AWS::S3::Bucket | **replaced** | yes | BucketName |');
    expect(md).toContain('### Gone (**stack removed**)');
  });

  it('says so when nothing changed', () => {
    expect(diffMarkdown(diffTemplates(baseline, baseline), 3)).toContain('No change in any of 3 stack(s).');
  });
});
