// The messages the simulator answers with, field by field, copied from temporalio/api-cloud
// (identity, namespace, operation, account and resource `message.proto`, and the responses in
// `cloudservice/v1/request_response.proto`) as restated in shared/specs/temporal-cloud-ops-api.md.
// The grpc-gateway writer needs every field, set or not, to write what EmitUnpopulated writes.
// Each entry is "<proto field name> <type>", with `repeated` and `map` (map<string, T>) as in the proto.

/** Enums by the name of their zero value: what an unset enum field is written as. */
export const ENUM_ZERO: Record<string, string> = {
  Role: "ROLE_UNSPECIFIED",
  Permission: "PERMISSION_UNSPECIFIED",
  ResourceState: "RESOURCE_STATE_UNSPECIFIED",
  OperationState: "STATE_UNSPECIFIED",
  SearchAttributeType: "SEARCH_ATTRIBUTE_TYPE_UNSPECIFIED",
  RegionState: "STATE_UNSPECIFIED",
};

/** Well-known types: messages, so unset means `null`; set, they are written as JSON strings. */
export const WELL_KNOWN = ["Timestamp", "Duration", "Any"] as const;

export const MESSAGES: Record<string, string[]> = {
  // identity/v1
  AccountAccess: ["role_deprecated string", "role Role"],
  NamespaceAccess: ["permission_deprecated string", "permission Permission"],
  Access: ["account_access AccountAccess", "namespace_accesses map NamespaceAccess"],
  NamespaceScopedAccess: ["namespace string", "access NamespaceAccess"],
  UserSpec: ["email string", "access Access"],
  Invitation: ["created_time Timestamp", "expired_time Timestamp"],
  User: [
    "id string",
    "resource_version string",
    "spec UserSpec",
    "state_deprecated string",
    "state ResourceState",
    "async_operation_id string",
    "invitation Invitation",
    "created_time Timestamp",
    "last_modified_time Timestamp",
  ],
  ServiceAccountSpec: ["name string", "access Access", "namespace_scoped_access NamespaceScopedAccess", "description string"],
  ServiceAccount: [
    "id string",
    "resource_version string",
    "spec ServiceAccountSpec",
    "state_deprecated string",
    "state ResourceState",
    "async_operation_id string",
    "created_time Timestamp",
    "last_modified_time Timestamp",
  ],
  // namespace/v1 (nested specs the simulator never sets are listed for their names and kinds)
  CertificateFilterSpec: ["common_name string", "organization string", "organizational_unit string", "subject_alternative_name string"],
  MtlsAuthSpec: ["accepted_client_ca_deprecated string", "accepted_client_ca bytes", "certificate_filters repeated CertificateFilterSpec", "enabled bool"],
  ApiKeyAuthSpec: ["enabled bool"],
  CodecServerSpec: ["endpoint string", "pass_access_token bool", "include_cross_origin_credentials bool"],
  LifecycleSpec: ["enable_delete_protection bool"],
  HighAvailabilitySpec: ["disable_managed_failover bool"],
  NamespaceSpec: [
    "name string",
    "regions repeated string",
    "retention_days int32",
    "mtls_auth MtlsAuthSpec",
    "api_key_auth ApiKeyAuthSpec",
    "custom_search_attributes map string",
    "search_attributes map SearchAttributeType",
    "codec_server CodecServerSpec",
    "lifecycle LifecycleSpec",
    "high_availability HighAvailabilitySpec",
  ],
  Endpoints: ["web_address string", "mtls_grpc_address string", "grpc_address string"],
  Limits: ["actions_per_second_limit int32"],
  AWSPrivateLinkInfo: ["allowed_principal_arns repeated string", "vpc_endpoint_service_names repeated string"],
  PrivateConnectivity: ["region string", "aws_private_link AWSPrivateLinkInfo"],
  NamespaceRegionStatus: ["state_deprecated string", "state RegionState", "async_operation_id string"],
  Namespace: [
    "namespace string",
    "resource_version string",
    "spec NamespaceSpec",
    "state_deprecated string",
    "state ResourceState",
    "async_operation_id string",
    "endpoints Endpoints",
    "active_region string",
    "limits Limits",
    "private_connectivities repeated PrivateConnectivity",
    "created_time Timestamp",
    "last_modified_time Timestamp",
    "region_status map NamespaceRegionStatus",
  ],
  // operation/v1, account/v1
  AsyncOperation: [
    "id string",
    "state_deprecated string",
    "state OperationState",
    "check_duration Duration",
    "operation_type string",
    "operation_input Any",
    "failure_reason string",
    "started_time Timestamp",
    "finished_time Timestamp",
  ],
  MetricsSpec: ["accepted_client_ca bytes"],
  AccountSpec: ["metrics MetricsSpec"],
  Metrics: ["uri string"],
  Account: ["id string", "spec AccountSpec", "resource_version string", "state ResourceState", "async_operation_id string", "metrics Metrics"],
  // cloudservice/v1 responses
  GetAccountResponse: ["account Account"],
  GetUsersResponse: ["users repeated User", "next_page_token string"],
  GetUserResponse: ["user User"],
  CreateUserResponse: ["user_id string", "async_operation AsyncOperation"],
  UpdateUserResponse: ["async_operation AsyncOperation"],
  DeleteUserResponse: ["async_operation AsyncOperation"],
  SetUserNamespaceAccessResponse: ["async_operation AsyncOperation"],
  GetNamespacesResponse: ["namespaces repeated Namespace", "next_page_token string"],
  GetNamespaceResponse: ["namespace Namespace"],
  GetAsyncOperationResponse: ["async_operation AsyncOperation"],
  GetServiceAccountsResponse: ["service_account repeated ServiceAccount", "next_page_token string"],
};
