// The part of TrailBase's `config.Config` message (crates/core/proto/config.proto,
// v0.33) that completion and the unknown-field check need: each message's fields and
// their types. Field lists follow that file; comments and options are left out.

export type FieldType =
  | { kind: 'message'; message: string }
  | { kind: 'scalar'; scalar: 'string' | 'int' | 'bool' }
  | { kind: 'enum'; values: readonly string[] };

export interface FieldSchema {
  name: string;
  type: FieldType;
  repeated?: boolean;
}

const STRING: FieldType = { kind: 'scalar', scalar: 'string' };
const INT: FieldType = { kind: 'scalar', scalar: 'int' };
const BOOL: FieldType = { kind: 'scalar', scalar: 'bool' };

function message(name: string): FieldType {
  return { kind: 'message', message: name };
}

/** Value names of `SystemJobId` as the text format spells them. */
export const SYSTEM_JOB_ID_VALUES = [
  'SYSTEM_JOB_ID_UNDEFINED',
  'BACKUP',
  'HEARTBEAT',
  'LOG_CLEANER',
  'AUTH_CLEANER',
  'QUERY_OPTIMIZER',
  'FILE_DELETIONS',
  'ANONYMOUS_CLEANER',
] as const;

export const ROOT_MESSAGE = 'Config';

export const MESSAGES: Record<string, readonly FieldSchema[]> = {
  Config: [
    { name: 'email', type: message('EmailConfig') },
    { name: 'server', type: message('ServerConfig') },
    { name: 'auth', type: message('AuthConfig') },
    { name: 'jobs', type: message('JobsConfig') },
    { name: 'databases', type: message('DatabaseConfig'), repeated: true },
    { name: 'record_apis', type: message('RecordApiConfig'), repeated: true },
    { name: 'schemas', type: message('JsonSchemaConfig'), repeated: true },
  ],
  EmailConfig: [
    { name: 'smtp_host', type: STRING },
    { name: 'smtp_port', type: INT },
    { name: 'smtp_username', type: STRING },
    { name: 'smtp_password', type: STRING },
    {
      name: 'smtp_encryption',
      type: {
        kind: 'enum',
        values: ['SMTP_ENCRYPTION_NONE', 'SMTP_ENCRYPTION_STARTTLS', 'SMTP_ENCRYPTION_TLS'],
      },
    },
    { name: 'sender_name', type: STRING },
    { name: 'sender_address', type: STRING },
    { name: 'user_verification_template', type: message('EmailTemplate') },
    { name: 'password_reset_template', type: message('EmailTemplate') },
    { name: 'change_email_template', type: message('EmailTemplate') },
    { name: 'otp_template', type: message('EmailTemplate') },
  ],
  EmailTemplate: [
    { name: 'subject', type: STRING },
    { name: 'body', type: STRING },
  ],
  ServerConfig: [
    { name: 'application_name', type: STRING },
    { name: 'site_url', type: STRING },
    { name: 'logs_retention_sec', type: INT },
    { name: 's3_storage_config', type: message('S3StorageConfig') },
    { name: 'enable_record_transactions', type: BOOL },
    { name: 'request_size_limit_bytes', type: INT },
    { name: 'auth_ip_rate_limit', type: INT },
    { name: 'backup_window_size', type: INT },
  ],
  S3StorageConfig: [
    { name: 'endpoint', type: STRING },
    { name: 'region', type: STRING },
    { name: 'bucket_name', type: STRING },
    { name: 'access_key', type: STRING },
    { name: 'secret_access_key', type: STRING },
  ],
  AuthConfig: [
    { name: 'auth_token_ttl_sec', type: INT },
    { name: 'refresh_token_ttl_sec', type: INT },
    { name: 'anonymous_refresh_token_ttl_sec', type: INT },
    { name: 'disable_password_auth', type: BOOL },
    { name: 'enable_otp_signin', type: BOOL },
    { name: 'enable_anonymous_signin', type: BOOL },
    { name: 'password_minimal_length', type: INT },
    { name: 'password_must_contain_upper_and_lower_case', type: BOOL },
    { name: 'password_must_contain_digits', type: BOOL },
    { name: 'password_must_contain_special_characters', type: BOOL },
    { name: 'oauth_providers', type: message('OAuthProviderEntry'), repeated: true },
    { name: 'custom_uri_schemes', type: STRING, repeated: true },
    { name: 'redirect_uri_allowlist', type: STRING, repeated: true },
    {
      name: 'user_identifier',
      type: {
        kind: 'enum',
        values: [
          'ONLY_EMAIL',
          'ONLY_USERNAME',
          'REQUIRE_EMAIL',
          'REQUIRE_USERNAME',
          'REQUIRE_EMAIL_AND_USERNAME',
        ],
      },
    },
  ],
  // A `map<string, OAuthProviderConfig>` entry in text format.
  OAuthProviderEntry: [
    { name: 'key', type: STRING },
    { name: 'value', type: message('OAuthProviderConfig') },
  ],
  OAuthProviderConfig: [
    { name: 'client_id', type: STRING },
    { name: 'client_secret', type: STRING },
    {
      name: 'provider_id',
      type: {
        kind: 'enum',
        values: [
          'TEST',
          'APPLE',
          'DISCORD',
          'GITLAB',
          'GOOGLE',
          'FACEBOOK',
          'MICROSOFT',
          'TWITCH',
          'YANDEX',
          'GITHUB',
        ],
      },
    },
    { name: 'display_name', type: STRING },
    { name: 'auth_url', type: STRING },
    { name: 'token_url', type: STRING },
    { name: 'user_api_url', type: STRING },
    { name: 'scopes', type: STRING, repeated: true },
  ],
  JobsConfig: [{ name: 'system_jobs', type: message('SystemJob'), repeated: true }],
  SystemJob: [
    { name: 'id', type: { kind: 'enum', values: SYSTEM_JOB_ID_VALUES } },
    { name: 'schedule', type: STRING },
    { name: 'disabled', type: BOOL },
  ],
  DatabaseConfig: [{ name: 'name', type: STRING }],
  RecordApiConfig: [
    { name: 'name', type: STRING },
    { name: 'table_name', type: STRING },
    { name: 'attached_databases', type: STRING, repeated: true },
    {
      name: 'conflict_resolution',
      type: { kind: 'enum', values: ['ABORT', 'IGNORE', 'REPLACE'] },
    },
    { name: 'autofill_missing_user_id_columns', type: BOOL },
    { name: 'enable_subscriptions', type: BOOL },
    {
      name: 'acl_world',
      type: { kind: 'enum', values: ['CREATE', 'READ', 'UPDATE', 'DELETE', 'SCHEMA'] },
      repeated: true,
    },
    {
      name: 'acl_authenticated',
      type: { kind: 'enum', values: ['CREATE', 'READ', 'UPDATE', 'DELETE', 'SCHEMA'] },
      repeated: true,
    },
    { name: 'excluded_columns', type: STRING, repeated: true },
    { name: 'create_access_rule', type: STRING },
    { name: 'read_access_rule', type: STRING },
    { name: 'update_access_rule', type: STRING },
    { name: 'delete_access_rule', type: STRING },
    { name: 'schema_access_rule', type: STRING },
    { name: 'expand', type: STRING, repeated: true },
    { name: 'listing_hard_limit', type: INT },
  ],
  JsonSchemaConfig: [
    { name: 'name', type: STRING },
    { name: 'schema', type: STRING },
  ],
};

export function findField(messageName: string, fieldName: string): FieldSchema | undefined {
  return MESSAGES[messageName]?.find((field) => field.name === fieldName);
}
