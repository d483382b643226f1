import { ENGINES } from '../../../lib/data/engines';
import { instanceClassMemoryGiB } from '../../../lib/data/instance-classes';

describe('instance class memory', () => {
  it.each([
    ['db.t4g.micro', 1],
    ['db.t3.medium', 4],
    ['db.m6i.large', 8],
    ['db.m6g.2xlarge', 32],
    ['db.r6i.xlarge', 32],
    ['db.r6g.large', 16],
    ['db.r7g.4xlarge', 128],
    ['db.x2g.large', 32],
  ])('%s has %d GiB', (cls, gib) => {
    expect(instanceClassMemoryGiB(cls)).toBe(gib);
  });

  it('an unknown family or size is unknown, not guessed', () => {
    expect(instanceClassMemoryGiB('db.z1d.large')).toBeUndefined();
    expect(instanceClassMemoryGiB('db.t4g.nano')).toBeUndefined();
    expect(instanceClassMemoryGiB('m6i.large')).toBeUndefined();
  });
});

describe('default connection limits by engine', () => {
  const gib = (n: number): number => n * 1024 ** 3;
  it('follow the default parameter groups: PostgreSQL capped at 5000, MySQL by memory, SQL Server 32767', () => {
    expect(ENGINES.postgres.maxConnections.of(gib(16))).toBe(1802);
    expect(ENGINES.postgres.maxConnections.of(gib(512))).toBe(5000);
    expect(ENGINES.mysql.maxConnections.of(gib(4))).toBe(341);
    expect(ENGINES.sqlserver.maxConnections.of(gib(8))).toBe(32767);
    expect(ENGINES.oracle.maxConnections.of(gib(16))).toBe(1740);
  });
});
