import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import type { DatabaseEngineName } from '../config/schema-data-protection';
import { ORACLE_TLS_PORT } from './engines';

/**
 * The parameter that makes each engine refuse unencrypted connections. Oracle has no such parameter:
 * TLS comes from the SSL option (see tlsOptionGroup), and the plain listener is never opened.
 */
export const TLS_PARAMETERS: Readonly<Record<DatabaseEngineName, Readonly<Record<string, string>>>> = {
  sqlserver: { 'rds.force_ssl': '1' },
  postgres: { 'rds.force_ssl': '1' },
  mysql: { require_secure_transport: 'ON', tls_version: 'TLSv1.2,TLSv1.3' },
  oracle: {},
};

/** Extra parameters per engine: slow-query logging for MySQL so its exported log has content. */
const EXTRA_PARAMETERS: Readonly<Record<DatabaseEngineName, Readonly<Record<string, string>>>> = {
  sqlserver: {},
  postgres: { log_min_duration_statement: '2000' },
  mysql: { slow_query_log: '1', long_query_time: '2', log_output: 'FILE' },
  oracle: {},
};

export interface EngineGroupsProps {
  readonly engineName: DatabaseEngineName;
  readonly engine: rds.IInstanceEngine;
  readonly vpc: ec2.IVpc;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly description: string;
}

/**
 * A parameter group that forces TLS for one database; for Oracle an option group with the SSL option
 * (TLS on its own listener), and for MySQL an option group with the audit plugin.
 */
export class EngineGroups extends Construct {
  readonly parameterGroup: rds.ParameterGroup;
  readonly optionGroup?: rds.OptionGroup;

  constructor(scope: Construct, id: string, props: EngineGroupsProps) {
    super(scope, id);
    this.parameterGroup = new rds.ParameterGroup(this, 'ParameterGroup', {
      engine: props.engine,
      description: `${props.description}: TLS enforced`,
      parameters: { ...TLS_PARAMETERS[props.engineName], ...EXTRA_PARAMETERS[props.engineName] },
    });
    if (props.engineName === 'mysql') {
      // Not TLS, but the option group is the only place MySQL's audit log can come from.
      this.optionGroup = new rds.OptionGroup(this, 'OptionGroup', {
        engine: props.engine,
        description: `${props.description}: audit plugin`,
        configurations: [
          {
            name: 'MARIADB_AUDIT_PLUGIN',
            settings: { SERVER_AUDIT_EVENTS: 'CONNECT,QUERY_DDL,QUERY_DCL' },
          },
        ],
      });
    }
    if (props.engineName === 'oracle') {
      this.optionGroup = new rds.OptionGroup(this, 'OptionGroup', {
        engine: props.engine,
        description: `${props.description}: TLS listener on ${ORACLE_TLS_PORT}`,
        configurations: [
          {
            name: 'SSL',
            port: ORACLE_TLS_PORT,
            vpc: props.vpc,
            securityGroups: [props.securityGroup],
            settings: {
              'SQLNET.SSL_VERSION': '1.2',
              'SQLNET.CIPHER_SUITE': 'SSL_RSA_WITH_AES_256_GCM_SHA384',
            },
          },
        ],
      });
    }
  }
}
