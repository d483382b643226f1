import type { OnPremisesAudience, OnPremisesRangeConfig } from './schema';

/*
 * The names a wave file's access[].from (and the operations commands) may use for council users:
 * an on-premises range, or one of its named networks as `<range>/<network>`. One resolver, so the
 * security groups, the wave rules and the cutover checks cannot read a name differently.
 */

/** Separates a range from one of its networks in a name: civic-centre/staff-desktops. */
export const NETWORK_SEPARATOR = '/';

/** An on-premises range, or a named network inside one. */
export interface OnPremisesSource {
  /** As written in access[].from: the range's name, or `<range>/<network>`. */
  readonly name: string;
  readonly cidr: string;
  /** The range it belongs to (itself for a range): the VPN path that carries it. */
  readonly range: string;
  /** Who is on it: a network's own audience, or its range's. */
  readonly audience: OnPremisesAudience;
  /**
   * Whether admitting it admits members of the public: a public range or network, or a range with
   * a public network inside it (the whole range includes that network).
   */
  readonly admitsPublic: boolean;
}

/** Every range and every named network, in file order: each range, then its networks. */
export function onPremisesSources(ranges: readonly OnPremisesRangeConfig[]): OnPremisesSource[] {
  return ranges.flatMap((r) => {
    const networks = r.networks.map((n) => {
      const audience = n.audience ?? r.audience;
      return {
        name: `${r.name}${NETWORK_SEPARATOR}${n.name}`,
        cidr: n.cidr,
        range: r.name,
        audience,
        admitsPublic: audience === 'public',
      };
    });
    const range = {
      name: r.name,
      cidr: r.cidr,
      range: r.name,
      audience: r.audience,
      admitsPublic: r.audience === 'public' || networks.some((n) => n.admitsPublic),
    };
    return [range, ...networks];
  });
}

/** The range or network a name stands for, or undefined when the configuration declares neither. */
export function onPremisesSource(
  ranges: readonly OnPremisesRangeConfig[],
  name: string,
): OnPremisesSource | undefined {
  return onPremisesSources(ranges).find((s) => s.name === name);
}
