import { ENGINES, type DatabaseEngineName } from './index';
import type { EditionDefinition, EngineDefinition, WaveAlias } from './engine';

function multiAz(edition: EditionDefinition): string {
  const m = edition.multiAz;
  return m.supported === true ? 'yes' : m.supported === false ? 'no' : `from ${m.version}`;
}

function tls(engine: EngineDefinition): string {
  return engine.tls.kind === 'option'
    ? `\`${engine.tls.option}\` option, port ${engine.clientPort}`
    : Object.entries(engine.tlsParameters)
        .map(([k, v]) => `\`${k}=${v}\``)
        .join(', ');
}

/** How an OFFICIAL-SENSITIVE database of the engine is audited, in a table cell. */
function audit(engine: EngineDefinition): string {
  const a = engine.audit;
  if (a.kind === 'always') {
    return `every database: ${a.how}`;
  }
  if (a.kind === 'preloaded-library') {
    return `\`${a.library}\` (\`${a.classesParameter}=${a.parameters[a.classesParameter] ?? ''}\`), ${a.log} log`;
  }
  return `\`${a.option}\` option to S3, replicated to the log archive`;
}

/**
 * The engine table of docs/data-protection.md, one row per edition, rendered from the engine
 * registry so the documentation cannot drift from what is built (a test compares the two).
 */
export function engineTableRows(): string[][] {
  const header = [
    'engine / edition',
    'wave-file name',
    'RDS engine',
    'Licences',
    'Multi-AZ',
    'Client port',
    'TLS forced by',
    'Log exports',
    'IAM auth',
    'Audit (OFFICIAL-SENSITIVE)',
    'Default version',
    'Max storage',
  ];
  const rows: string[][] = [];
  for (const [name, engine] of Object.entries(ENGINES) as [DatabaseEngineName, EngineDefinition][]) {
    for (const edition of engine.editions) {
      const aliases = Object.entries(engine.waveAliases as Record<string, WaveAlias>)
        .filter(([, alias]) => 'edition' in alias && alias.edition === edition.name)
        .map(([alias]) => `\`${alias}\``);
      rows.push([
        edition.name === undefined ? `\`${name}\`` : `\`${name}\` / \`${edition.name}\``,
        aliases.join(', ') || 'none',
        `\`${edition.rdsEngine}\``,
        edition.licences.join(', '),
        multiAz(edition),
        String(engine.clientPort),
        tls(engine),
        engine.logExports.join(', '),
        engine.iamAuthentication ? 'yes' : 'no',
        audit(engine),
        engine.defaultVersion,
        `${engine.maxStorageGiB / 1024} TiB${edition.maxDatabaseGiB === undefined ? '' : ` (${edition.maxDatabaseGiB} GiB per database)`}`,
      ]);
    }
  }
  return [header, ...rows];
}
