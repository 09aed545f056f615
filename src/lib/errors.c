/* errors.c: the English message for every error number libras returns,
 * and RasGetErrorStringA on top of it. The lookup is a switch over an enum
 * of all codes with no default, so the compiler names any code left without
 * a message (curl's strerror does the same). The wording is our own. */
#include "lib/errors.h"

#include <string.h>

#include <ras.h>
#include <raserror.h>

/* A code listed here without a case below must stop the build. */
#pragma GCC diagnostic error "-Wswitch"

/* Every code RasGetErrorStringA knows: the Win32 ones the API returns,
 * then RASBASE..RASBASEEND, all of which are assigned. */
enum ras_code {
    RC_SUCCESS = ERROR_SUCCESS,
    RC_ACCESS_DENIED = ERROR_ACCESS_DENIED,
    RC_INVALID_HANDLE = ERROR_INVALID_HANDLE,
    RC_NOT_ENOUGH_MEMORY = ERROR_NOT_ENOUGH_MEMORY,
    RC_INVALID_PARAMETER = ERROR_INVALID_PARAMETER,
    RC_CALL_NOT_IMPLEMENTED = ERROR_CALL_NOT_IMPLEMENTED,
    RC_INSUFFICIENT_BUFFER = ERROR_INSUFFICIENT_BUFFER,
    RC_INVALID_NAME = ERROR_INVALID_NAME,
    RC_ALREADY_EXISTS = ERROR_ALREADY_EXISTS,
    RC_INVALID_USER_BUFFER = ERROR_INVALID_USER_BUFFER,
    RC_PENDING = PENDING,
    RC_INVALID_PORT_HANDLE = ERROR_INVALID_PORT_HANDLE,
    RC_PORT_ALREADY_OPEN = ERROR_PORT_ALREADY_OPEN,
    RC_BUFFER_TOO_SMALL = ERROR_BUFFER_TOO_SMALL,
    RC_WRONG_INFO_SPECIFIED = ERROR_WRONG_INFO_SPECIFIED,
    RC_CANNOT_SET_PORT_INFO = ERROR_CANNOT_SET_PORT_INFO,
    RC_PORT_NOT_CONNECTED = ERROR_PORT_NOT_CONNECTED,
    RC_EVENT_INVALID = ERROR_EVENT_INVALID,
    RC_DEVICE_DOES_NOT_EXIST = ERROR_DEVICE_DOES_NOT_EXIST,
    RC_DEVICETYPE_DOES_NOT_EXIST = ERROR_DEVICETYPE_DOES_NOT_EXIST,
    RC_BUFFER_INVALID = ERROR_BUFFER_INVALID,
    RC_ROUTE_NOT_AVAILABLE = ERROR_ROUTE_NOT_AVAILABLE,
    RC_ROUTE_NOT_ALLOCATED = ERROR_ROUTE_NOT_ALLOCATED,
    RC_INVALID_COMPRESSION_SPECIFIED = ERROR_INVALID_COMPRESSION_SPECIFIED,
    RC_OUT_OF_BUFFERS = ERROR_OUT_OF_BUFFERS,
    RC_PORT_NOT_FOUND = ERROR_PORT_NOT_FOUND,
    RC_ASYNC_REQUEST_PENDING = ERROR_ASYNC_REQUEST_PENDING,
    RC_ALREADY_DISCONNECTING = ERROR_ALREADY_DISCONNECTING,
    RC_PORT_NOT_OPEN = ERROR_PORT_NOT_OPEN,
    RC_PORT_DISCONNECTED = ERROR_PORT_DISCONNECTED,
    RC_NO_ENDPOINTS = ERROR_NO_ENDPOINTS,
    RC_CANNOT_OPEN_PHONEBOOK = ERROR_CANNOT_OPEN_PHONEBOOK,
    RC_CANNOT_LOAD_PHONEBOOK = ERROR_CANNOT_LOAD_PHONEBOOK,
    RC_CANNOT_FIND_PHONEBOOK_ENTRY = ERROR_CANNOT_FIND_PHONEBOOK_ENTRY,
    RC_CANNOT_WRITE_PHONEBOOK = ERROR_CANNOT_WRITE_PHONEBOOK,
    RC_CORRUPT_PHONEBOOK = ERROR_CORRUPT_PHONEBOOK,
    RC_CANNOT_LOAD_STRING = ERROR_CANNOT_LOAD_STRING,
    RC_KEY_NOT_FOUND = ERROR_KEY_NOT_FOUND,
    RC_DISCONNECTION = ERROR_DISCONNECTION,
    RC_REMOTE_DISCONNECTION = ERROR_REMOTE_DISCONNECTION,
    RC_HARDWARE_FAILURE = ERROR_HARDWARE_FAILURE,
    RC_USER_DISCONNECTION = ERROR_USER_DISCONNECTION,
    RC_INVALID_SIZE = ERROR_INVALID_SIZE,
    RC_PORT_NOT_AVAILABLE = ERROR_PORT_NOT_AVAILABLE,
    RC_CANNOT_PROJECT_CLIENT = ERROR_CANNOT_PROJECT_CLIENT,
    RC_UNKNOWN = ERROR_UNKNOWN,
    RC_WRONG_DEVICE_ATTACHED = ERROR_WRONG_DEVICE_ATTACHED,
    RC_BAD_STRING = ERROR_BAD_STRING,
    RC_REQUEST_TIMEOUT = ERROR_REQUEST_TIMEOUT,
    RC_CANNOT_GET_LANA = ERROR_CANNOT_GET_LANA,
    RC_NETBIOS_ERROR = ERROR_NETBIOS_ERROR,
    RC_SERVER_OUT_OF_RESOURCES = ERROR_SERVER_OUT_OF_RESOURCES,
    RC_NAME_EXISTS_ON_NET = ERROR_NAME_EXISTS_ON_NET,
    RC_SERVER_GENERAL_NET_FAILURE = ERROR_SERVER_GENERAL_NET_FAILURE,
    RC_WARNING_MSG_ALIAS_NOT_ADDED = WARNING_MSG_ALIAS_NOT_ADDED,
    RC_AUTH_INTERNAL = ERROR_AUTH_INTERNAL,
    RC_RESTRICTED_LOGON_HOURS = ERROR_RESTRICTED_LOGON_HOURS,
    RC_ACCT_DISABLED = ERROR_ACCT_DISABLED,
    RC_PASSWD_EXPIRED = ERROR_PASSWD_EXPIRED,
    RC_NO_DIALIN_PERMISSION = ERROR_NO_DIALIN_PERMISSION,
    RC_SERVER_NOT_RESPONDING = ERROR_SERVER_NOT_RESPONDING,
    RC_FROM_DEVICE = ERROR_FROM_DEVICE,
    RC_UNRECOGNIZED_RESPONSE = ERROR_UNRECOGNIZED_RESPONSE,
    RC_MACRO_NOT_FOUND = ERROR_MACRO_NOT_FOUND,
    RC_MACRO_NOT_DEFINED = ERROR_MACRO_NOT_DEFINED,
    RC_MESSAGE_MACRO_NOT_FOUND = ERROR_MESSAGE_MACRO_NOT_FOUND,
    RC_DEFAULTOFF_MACRO_NOT_FOUND = ERROR_DEFAULTOFF_MACRO_NOT_FOUND,
    RC_FILE_COULD_NOT_BE_OPENED = ERROR_FILE_COULD_NOT_BE_OPENED,
    RC_DEVICENAME_TOO_LONG = ERROR_DEVICENAME_TOO_LONG,
    RC_DEVICENAME_NOT_FOUND = ERROR_DEVICENAME_NOT_FOUND,
    RC_NO_RESPONSES = ERROR_NO_RESPONSES,
    RC_NO_COMMAND_FOUND = ERROR_NO_COMMAND_FOUND,
    RC_WRONG_KEY_SPECIFIED = ERROR_WRONG_KEY_SPECIFIED,
    RC_UNKNOWN_DEVICE_TYPE = ERROR_UNKNOWN_DEVICE_TYPE,
    RC_ALLOCATING_MEMORY = ERROR_ALLOCATING_MEMORY,
    RC_PORT_NOT_CONFIGURED = ERROR_PORT_NOT_CONFIGURED,
    RC_DEVICE_NOT_READY = ERROR_DEVICE_NOT_READY,
    RC_READING_INI_FILE = ERROR_READING_INI_FILE,
    RC_NO_CONNECTION = ERROR_NO_CONNECTION,
    RC_BAD_USAGE_IN_INI_FILE = ERROR_BAD_USAGE_IN_INI_FILE,
    RC_READING_SECTIONNAME = ERROR_READING_SECTIONNAME,
    RC_READING_DEVICETYPE = ERROR_READING_DEVICETYPE,
    RC_READING_DEVICENAME = ERROR_READING_DEVICENAME,
    RC_READING_USAGE = ERROR_READING_USAGE,
    RC_READING_MAXCONNECTBPS = ERROR_READING_MAXCONNECTBPS,
    RC_READING_MAXCARRIERBPS = ERROR_READING_MAXCARRIERBPS,
    RC_LINE_BUSY = ERROR_LINE_BUSY,
    RC_VOICE_ANSWER = ERROR_VOICE_ANSWER,
    RC_NO_ANSWER = ERROR_NO_ANSWER,
    RC_NO_CARRIER = ERROR_NO_CARRIER,
    RC_NO_DIALTONE = ERROR_NO_DIALTONE,
    RC_IN_COMMAND = ERROR_IN_COMMAND,
    RC_WRITING_SECTIONNAME = ERROR_WRITING_SECTIONNAME,
    RC_WRITING_DEVICETYPE = ERROR_WRITING_DEVICETYPE,
    RC_WRITING_DEVICENAME = ERROR_WRITING_DEVICENAME,
    RC_WRITING_MAXCONNECTBPS = ERROR_WRITING_MAXCONNECTBPS,
    RC_WRITING_MAXCARRIERBPS = ERROR_WRITING_MAXCARRIERBPS,
    RC_WRITING_USAGE = ERROR_WRITING_USAGE,
    RC_WRITING_DEFAULTOFF = ERROR_WRITING_DEFAULTOFF,
    RC_READING_DEFAULTOFF = ERROR_READING_DEFAULTOFF,
    RC_EMPTY_INI_FILE = ERROR_EMPTY_INI_FILE,
    RC_AUTHENTICATION_FAILURE = ERROR_AUTHENTICATION_FAILURE,
    RC_PORT_OR_DEVICE = ERROR_PORT_OR_DEVICE,
    RC_NOT_BINARY_MACRO = ERROR_NOT_BINARY_MACRO,
    RC_DCB_NOT_FOUND = ERROR_DCB_NOT_FOUND,
    RC_STATE_MACHINES_NOT_STARTED = ERROR_STATE_MACHINES_NOT_STARTED,
    RC_STATE_MACHINES_ALREADY_STARTED = ERROR_STATE_MACHINES_ALREADY_STARTED,
    RC_PARTIAL_RESPONSE_LOOPING = ERROR_PARTIAL_RESPONSE_LOOPING,
    RC_UNKNOWN_RESPONSE_KEY = ERROR_UNKNOWN_RESPONSE_KEY,
    RC_RECV_BUF_FULL = ERROR_RECV_BUF_FULL,
    RC_CMD_TOO_LONG = ERROR_CMD_TOO_LONG,
    RC_UNSUPPORTED_BPS = ERROR_UNSUPPORTED_BPS,
    RC_UNEXPECTED_RESPONSE = ERROR_UNEXPECTED_RESPONSE,
    RC_INTERACTIVE_MODE = ERROR_INTERACTIVE_MODE,
    RC_BAD_CALLBACK_NUMBER = ERROR_BAD_CALLBACK_NUMBER,
    RC_INVALID_AUTH_STATE = ERROR_INVALID_AUTH_STATE,
    RC_WRITING_INITBPS = ERROR_WRITING_INITBPS,
    RC_X25_DIAGNOSTIC = ERROR_X25_DIAGNOSTIC,
    RC_ACCT_EXPIRED = ERROR_ACCT_EXPIRED,
    RC_CHANGING_PASSWORD = ERROR_CHANGING_PASSWORD,
    RC_OVERRUN = ERROR_OVERRUN,
    RC_RASMAN_CANNOT_INITIALIZE = ERROR_RASMAN_CANNOT_INITIALIZE,
    RC_BIPLEX_PORT_NOT_AVAILABLE = ERROR_BIPLEX_PORT_NOT_AVAILABLE,
    RC_NO_ACTIVE_ISDN_LINES = ERROR_NO_ACTIVE_ISDN_LINES,
    RC_NO_ISDN_CHANNELS_AVAILABLE = ERROR_NO_ISDN_CHANNELS_AVAILABLE,
    RC_TOO_MANY_LINE_ERRORS = ERROR_TOO_MANY_LINE_ERRORS,
    RC_IP_CONFIGURATION = ERROR_IP_CONFIGURATION,
    RC_NO_IP_ADDRESSES = ERROR_NO_IP_ADDRESSES,
    RC_PPP_TIMEOUT = ERROR_PPP_TIMEOUT,
    RC_PPP_REMOTE_TERMINATED = ERROR_PPP_REMOTE_TERMINATED,
    RC_PPP_NO_PROTOCOLS_CONFIGURED = ERROR_PPP_NO_PROTOCOLS_CONFIGURED,
    RC_PPP_NO_RESPONSE = ERROR_PPP_NO_RESPONSE,
    RC_PPP_INVALID_PACKET = ERROR_PPP_INVALID_PACKET,
    RC_PHONE_NUMBER_TOO_LONG = ERROR_PHONE_NUMBER_TOO_LONG,
    RC_IPXCP_NO_DIALOUT_CONFIGURED = ERROR_IPXCP_NO_DIALOUT_CONFIGURED,
    RC_IPXCP_NO_DIALIN_CONFIGURED = ERROR_IPXCP_NO_DIALIN_CONFIGURED,
    RC_IPXCP_DIALOUT_ALREADY_ACTIVE = ERROR_IPXCP_DIALOUT_ALREADY_ACTIVE,
    RC_ACCESSING_TCPCFGDLL = ERROR_ACCESSING_TCPCFGDLL,
    RC_NO_IP_RAS_ADAPTER = ERROR_NO_IP_RAS_ADAPTER,
    RC_SLIP_REQUIRES_IP = ERROR_SLIP_REQUIRES_IP,
    RC_PROJECTION_NOT_COMPLETE = ERROR_PROJECTION_NOT_COMPLETE,
    RC_PROTOCOL_NOT_CONFIGURED = ERROR_PROTOCOL_NOT_CONFIGURED,
    RC_PPP_NOT_CONVERGING = ERROR_PPP_NOT_CONVERGING,
    RC_PPP_CP_REJECTED = ERROR_PPP_CP_REJECTED,
    RC_PPP_LCP_TERMINATED = ERROR_PPP_LCP_TERMINATED,
    RC_PPP_REQUIRED_ADDRESS_REJECTED = ERROR_PPP_REQUIRED_ADDRESS_REJECTED,
    RC_PPP_NCP_TERMINATED = ERROR_PPP_NCP_TERMINATED,
    RC_PPP_LOOPBACK_DETECTED = ERROR_PPP_LOOPBACK_DETECTED,
    RC_PPP_NO_ADDRESS_ASSIGNED = ERROR_PPP_NO_ADDRESS_ASSIGNED,
    RC_CANNOT_USE_LOGON_CREDENTIALS = ERROR_CANNOT_USE_LOGON_CREDENTIALS,
    RC_TAPI_CONFIGURATION = ERROR_TAPI_CONFIGURATION,
    RC_NO_LOCAL_ENCRYPTION = ERROR_NO_LOCAL_ENCRYPTION,
    RC_NO_REMOTE_ENCRYPTION = ERROR_NO_REMOTE_ENCRYPTION,
    RC_REMOTE_REQUIRES_ENCRYPTION = ERROR_REMOTE_REQUIRES_ENCRYPTION,
    RC_IPXCP_NET_NUMBER_CONFLICT = ERROR_IPXCP_NET_NUMBER_CONFLICT,
    RC_INVALID_SMM = ERROR_INVALID_SMM,
    RC_SMM_UNINITIALIZED = ERROR_SMM_UNINITIALIZED,
    RC_NO_MAC_FOR_PORT = ERROR_NO_MAC_FOR_PORT,
    RC_SMM_TIMEOUT = ERROR_SMM_TIMEOUT,
    RC_BAD_PHONE_NUMBER = ERROR_BAD_PHONE_NUMBER,
    RC_WRONG_MODULE = ERROR_WRONG_MODULE,
    RC_INVALID_CALLBACK_NUMBER = ERROR_INVALID_CALLBACK_NUMBER,
    RC_SCRIPT_SYNTAX = ERROR_SCRIPT_SYNTAX,
    RC_HANGUP_FAILED = ERROR_HANGUP_FAILED,
    RC_BUNDLE_NOT_FOUND = ERROR_BUNDLE_NOT_FOUND,
    RC_CANNOT_DO_CUSTOMDIAL = ERROR_CANNOT_DO_CUSTOMDIAL,
    RC_DIAL_ALREADY_IN_PROGRESS = ERROR_DIAL_ALREADY_IN_PROGRESS,
    RC_RASAUTO_CANNOT_INITIALIZE = ERROR_RASAUTO_CANNOT_INITIALIZE,
    RC_CONNECTION_ALREADY_SHARED = ERROR_CONNECTION_ALREADY_SHARED,
    RC_SHARING_CHANGE_FAILED = ERROR_SHARING_CHANGE_FAILED,
    RC_SHARING_ROUTER_INSTALL = ERROR_SHARING_ROUTER_INSTALL,
    RC_SHARE_CONNECTION_FAILED = ERROR_SHARE_CONNECTION_FAILED,
    RC_SHARING_PRIVATE_INSTALL = ERROR_SHARING_PRIVATE_INSTALL,
    RC_CANNOT_SHARE_CONNECTION = ERROR_CANNOT_SHARE_CONNECTION,
    RC_NO_SMART_CARD_READER = ERROR_NO_SMART_CARD_READER,
    RC_SHARING_ADDRESS_EXISTS = ERROR_SHARING_ADDRESS_EXISTS,
    RC_NO_CERTIFICATE = ERROR_NO_CERTIFICATE,
    RC_SHARING_MULTIPLE_ADDRESSES = ERROR_SHARING_MULTIPLE_ADDRESSES,
    RC_FAILED_TO_ENCRYPT = ERROR_FAILED_TO_ENCRYPT,
    RC_BAD_ADDRESS_SPECIFIED = ERROR_BAD_ADDRESS_SPECIFIED,
    RC_CONNECTION_REJECT = ERROR_CONNECTION_REJECT,
    RC_CONGESTION = ERROR_CONGESTION,
    RC_INCOMPATIBLE = ERROR_INCOMPATIBLE,
    RC_NUMBERCHANGED = ERROR_NUMBERCHANGED,
    RC_TEMPFAILURE = ERROR_TEMPFAILURE,
    RC_BLOCKED = ERROR_BLOCKED,
    RC_DONOTDISTURB = ERROR_DONOTDISTURB,
    RC_OUTOFORDER = ERROR_OUTOFORDER,
    RC_UNABLE_TO_AUTHENTICATE_SERVER = ERROR_UNABLE_TO_AUTHENTICATE_SERVER,
    RC_SMART_CARD_REQUIRED = ERROR_SMART_CARD_REQUIRED,
    RC_INVALID_FUNCTION_FOR_ENTRY = ERROR_INVALID_FUNCTION_FOR_ENTRY,
    RC_CERT_FOR_ENCRYPTION_NOT_FOUND = ERROR_CERT_FOR_ENCRYPTION_NOT_FOUND,
    RC_SHARING_RRAS_CONFLICT = ERROR_SHARING_RRAS_CONFLICT,
    RC_SHARING_NO_PRIVATE_LAN = ERROR_SHARING_NO_PRIVATE_LAN,
    RC_NO_DIFF_USER_AT_LOGON = ERROR_NO_DIFF_USER_AT_LOGON,
    RC_NO_REG_CERT_AT_LOGON = ERROR_NO_REG_CERT_AT_LOGON,
    RC_OAKLEY_NO_CERT = ERROR_OAKLEY_NO_CERT,
    RC_OAKLEY_AUTH_FAIL = ERROR_OAKLEY_AUTH_FAIL,
    RC_OAKLEY_ATTRIB_FAIL = ERROR_OAKLEY_ATTRIB_FAIL,
    RC_OAKLEY_GENERAL_PROCESSING = ERROR_OAKLEY_GENERAL_PROCESSING,
    RC_OAKLEY_NO_PEER_CERT = ERROR_OAKLEY_NO_PEER_CERT,
    RC_OAKLEY_NO_POLICY = ERROR_OAKLEY_NO_POLICY,
    RC_OAKLEY_TIMED_OUT = ERROR_OAKLEY_TIMED_OUT,
    RC_OAKLEY_ERROR = ERROR_OAKLEY_ERROR,
    RC_UNKNOWN_FRAMED_PROTOCOL = ERROR_UNKNOWN_FRAMED_PROTOCOL,
    RC_WRONG_TUNNEL_TYPE = ERROR_WRONG_TUNNEL_TYPE,
    RC_UNKNOWN_SERVICE_TYPE = ERROR_UNKNOWN_SERVICE_TYPE,
    RC_CONNECTING_DEVICE_NOT_FOUND = ERROR_CONNECTING_DEVICE_NOT_FOUND,
    RC_NO_EAPTLS_CERTIFICATE = ERROR_NO_EAPTLS_CERTIFICATE,
    RC_SHARING_HOST_ADDRESS_CONFLICT = ERROR_SHARING_HOST_ADDRESS_CONFLICT,
    RC_AUTOMATIC_VPN_FAILED = ERROR_AUTOMATIC_VPN_FAILED,
    RC_VALIDATING_SERVER_CERT = ERROR_VALIDATING_SERVER_CERT,
    RC_READING_SCARD = ERROR_READING_SCARD,
    RC_INVALID_PEAP_COOKIE_CONFIG = ERROR_INVALID_PEAP_COOKIE_CONFIG,
    RC_INVALID_PEAP_COOKIE_USER = ERROR_INVALID_PEAP_COOKIE_USER,
    RC_INVALID_MSCHAPV2_CONFIG = ERROR_INVALID_MSCHAPV2_CONFIG,
    RC_VPN_GRE_BLOCKED = ERROR_VPN_GRE_BLOCKED,
    RC_VPN_DISCONNECT = ERROR_VPN_DISCONNECT,
    RC_VPN_REFUSED = ERROR_VPN_REFUSED,
    RC_VPN_TIMEOUT = ERROR_VPN_TIMEOUT,
    RC_VPN_BAD_CERT = ERROR_VPN_BAD_CERT,
    RC_VPN_BAD_PSK = ERROR_VPN_BAD_PSK,
    RC_SERVER_POLICY = ERROR_SERVER_POLICY,
    RC_BROADBAND_ACTIVE = ERROR_BROADBAND_ACTIVE,
    RC_BROADBAND_NO_NIC = ERROR_BROADBAND_NO_NIC,
    RC_BROADBAND_TIMEOUT = ERROR_BROADBAND_TIMEOUT,
    RC_FEATURE_DEPRECATED = ERROR_FEATURE_DEPRECATED,
    RC_CANNOT_DELETE = ERROR_CANNOT_DELETE,
    RC_RASQEC_RESOURCE_CREATION_FAILED = ERROR_RASQEC_RESOURCE_CREATION_FAILED,
    RC_RASQEC_NAPAGENT_NOT_ENABLED = ERROR_RASQEC_NAPAGENT_NOT_ENABLED,
    RC_RASQEC_NAPAGENT_NOT_CONNECTED = ERROR_RASQEC_NAPAGENT_NOT_CONNECTED,
    RC_RASQEC_CONN_DOESNOTEXIST = ERROR_RASQEC_CONN_DOESNOTEXIST,
    RC_RASQEC_TIMEOUT = ERROR_RASQEC_TIMEOUT,
    RC_PEAP_CRYPTOBINDING_INVALID = ERROR_PEAP_CRYPTOBINDING_INVALID,
    RC_PEAP_CRYPTOBINDING_NOTRECEIVED = ERROR_PEAP_CRYPTOBINDING_NOTRECEIVED,
    RC_INVALID_VPNSTRATEGY = ERROR_INVALID_VPNSTRATEGY,
    RC_EAPTLS_CACHE_CREDENTIALS_INVALID = ERROR_EAPTLS_CACHE_CREDENTIALS_INVALID,
    RC_IPSEC_SERVICE_STOPPED = ERROR_IPSEC_SERVICE_STOPPED,
    RC_IDLE_TIMEOUT = ERROR_IDLE_TIMEOUT,
    RC_LINK_FAILURE = ERROR_LINK_FAILURE,
    RC_USER_LOGOFF = ERROR_USER_LOGOFF,
    RC_FAST_USER_SWITCH = ERROR_FAST_USER_SWITCH,
    RC_HIBERNATION = ERROR_HIBERNATION,
    RC_SYSTEM_SUSPENDED = ERROR_SYSTEM_SUSPENDED,
    RC_RASMAN_SERVICE_STOPPED = ERROR_RASMAN_SERVICE_STOPPED,
    RC_INVALID_SERVER_CERT = ERROR_INVALID_SERVER_CERT,
    RC_NOT_NAP_CAPABLE = ERROR_NOT_NAP_CAPABLE,
    RC_INVALID_TUNNELID = ERROR_INVALID_TUNNELID,
    RC_UPDATECONNECTION_REQUEST_IN_PROCESS = ERROR_UPDATECONNECTION_REQUEST_IN_PROCESS,
    RC_PROTOCOL_ENGINE_DISABLED = ERROR_PROTOCOL_ENGINE_DISABLED,
    RC_INTERNAL_ADDRESS_FAILURE = ERROR_INTERNAL_ADDRESS_FAILURE,
    RC_FAILED_CP_REQUIRED = ERROR_FAILED_CP_REQUIRED,
    RC_TS_UNACCEPTABLE = ERROR_TS_UNACCEPTABLE,
    RC_MOBIKE_DISABLED = ERROR_MOBIKE_DISABLED,
    RC_CANNOT_INITIATE_MOBIKE_UPDATE = ERROR_CANNOT_INITIATE_MOBIKE_UPDATE,
    RC_PEAP_SERVER_REJECTED_CLIENT_TLV = ERROR_PEAP_SERVER_REJECTED_CLIENT_TLV,
    RC_INVALID_PREFERENCES = ERROR_INVALID_PREFERENCES,
    RC_EAPTLS_SCARD_CACHE_CREDENTIALS_INVALID = ERROR_EAPTLS_SCARD_CACHE_CREDENTIALS_INVALID,
    RC_SSTP_COOKIE_SET_FAILURE = ERROR_SSTP_COOKIE_SET_FAILURE,
    RC_INVALID_PEAP_COOKIE_ATTRIBUTES = ERROR_INVALID_PEAP_COOKIE_ATTRIBUTES,
    RC_EAP_METHOD_NOT_INSTALLED = ERROR_EAP_METHOD_NOT_INSTALLED,
    RC_EAP_METHOD_DOES_NOT_SUPPORT_SSO = ERROR_EAP_METHOD_DOES_NOT_SUPPORT_SSO,
    RC_EAP_METHOD_OPERATION_NOT_SUPPORTED = ERROR_EAP_METHOD_OPERATION_NOT_SUPPORTED,
    RC_EAP_USER_CERT_INVALID = ERROR_EAP_USER_CERT_INVALID,
    RC_EAP_USER_CERT_EXPIRED = ERROR_EAP_USER_CERT_EXPIRED,
    RC_EAP_USER_CERT_REVOKED = ERROR_EAP_USER_CERT_REVOKED,
    RC_EAP_USER_CERT_OTHER_ERROR = ERROR_EAP_USER_CERT_OTHER_ERROR,
    RC_EAP_SERVER_CERT_INVALID = ERROR_EAP_SERVER_CERT_INVALID,
    RC_EAP_SERVER_CERT_EXPIRED = ERROR_EAP_SERVER_CERT_EXPIRED,
    RC_EAP_SERVER_CERT_REVOKED = ERROR_EAP_SERVER_CERT_REVOKED,
    RC_EAP_SERVER_CERT_OTHER_ERROR = ERROR_EAP_SERVER_CERT_OTHER_ERROR,
    RC_EAP_USER_ROOT_CERT_NOT_FOUND = ERROR_EAP_USER_ROOT_CERT_NOT_FOUND,
    RC_EAP_USER_ROOT_CERT_INVALID = ERROR_EAP_USER_ROOT_CERT_INVALID,
    RC_EAP_USER_ROOT_CERT_EXPIRED = ERROR_EAP_USER_ROOT_CERT_EXPIRED,
    RC_EAP_SERVER_ROOT_CERT_NOT_FOUND = ERROR_EAP_SERVER_ROOT_CERT_NOT_FOUND,
    RC_EAP_SERVER_ROOT_CERT_INVALID = ERROR_EAP_SERVER_ROOT_CERT_INVALID,
    RC_EAP_SERVER_ROOT_CERT_NAME_REQUIRED = ERROR_EAP_SERVER_ROOT_CERT_NAME_REQUIRED,
    RC_PEAP_IDENTITY_MISMATCH = ERROR_PEAP_IDENTITY_MISMATCH,
    RC_DNSNAME_NOT_RESOLVABLE = ERROR_DNSNAME_NOT_RESOLVABLE,
    RC_EAPTLS_PASSWD_INVALID = ERROR_EAPTLS_PASSWD_INVALID,
    RC_IKEV2_PSK_INTERFACE_ALREADY_EXISTS = ERROR_IKEV2_PSK_INTERFACE_ALREADY_EXISTS
};

static const char *code_text(enum ras_code code)
{
    switch (code) {
    case RC_SUCCESS:
        return "The operation completed successfully.";
    case RC_ACCESS_DENIED:
        return "Access is denied.";
    case RC_INVALID_HANDLE:
        return "The connection handle is not valid (the connection may already be closed).";
    case RC_NOT_ENOUGH_MEMORY:
        return "Not enough memory is available.";
    case RC_INVALID_PARAMETER:
        return "A parameter is not valid.";
    case RC_CALL_NOT_IMPLEMENTED:
        return "This function is not supported.";
    case RC_INSUFFICIENT_BUFFER:
        return "The buffer given is too small.";
    case RC_INVALID_NAME:
        return "The name is not valid.";
    case RC_ALREADY_EXISTS:
        return "An entry with that name already exists.";
    case RC_INVALID_USER_BUFFER:
        return "The buffer given is not valid.";
    case RC_PENDING:
        return "An operation is still in progress.";
    case RC_INVALID_PORT_HANDLE:
        return "The port handle is not valid.";
    case RC_PORT_ALREADY_OPEN:
        return "The port is already open.";
    case RC_BUFFER_TOO_SMALL:
        return "The buffer is too small; the size needed has been returned.";
    case RC_WRONG_INFO_SPECIFIED:
        return "The port information given is not correct.";
    case RC_CANNOT_SET_PORT_INFO:
        return "The port settings could not be applied.";
    case RC_PORT_NOT_CONNECTED:
        return "The port is not connected.";
    case RC_EVENT_INVALID:
        return "An unexpected event was received.";
    case RC_DEVICE_DOES_NOT_EXIST:
        return "The device named does not exist.";
    case RC_DEVICETYPE_DOES_NOT_EXIST:
        return "The device type named does not exist.";
    case RC_BUFFER_INVALID:
        return "The buffer is not valid.";
    case RC_ROUTE_NOT_AVAILABLE:
        return "The route is not available.";
    case RC_ROUTE_NOT_ALLOCATED:
        return "The route has not been allocated.";
    case RC_INVALID_COMPRESSION_SPECIFIED:
        return "The compression setting is not valid.";
    case RC_OUT_OF_BUFFERS:
        return "Not enough buffers are available.";
    case RC_PORT_NOT_FOUND:
        return "The port was not found.";
    case RC_ASYNC_REQUEST_PENDING:
        return "An asynchronous request is still pending.";
    case RC_ALREADY_DISCONNECTING:
        return "The port or connection is already being disconnected.";
    case RC_PORT_NOT_OPEN:
        return "The port is not open.";
    case RC_PORT_DISCONNECTED:
        return "The port was disconnected: the link to the remote computer dropped.";
    case RC_NO_ENDPOINTS:
        return "No endpoints could be determined for the connection.";
    case RC_CANNOT_OPEN_PHONEBOOK:
        return "The phonebook file could not be opened.";
    case RC_CANNOT_LOAD_PHONEBOOK:
        return "The phonebook file could not be loaded.";
    case RC_CANNOT_FIND_PHONEBOOK_ENTRY:
        return "There is no entry of that name in the phonebook.";
    case RC_CANNOT_WRITE_PHONEBOOK:
        return "The phonebook file could not be written.";
    case RC_CORRUPT_PHONEBOOK:
        return "The phonebook file contains data that is not valid.";
    case RC_CANNOT_LOAD_STRING:
        return "A message string could not be loaded.";
    case RC_KEY_NOT_FOUND:
        return "A required key could not be found.";
    case RC_DISCONNECTION:
        return "The connection was closed.";
    case RC_REMOTE_DISCONNECTION:
        return "The remote computer closed the connection.";
    case RC_HARDWARE_FAILURE:
        return "The connection was closed because of a hardware failure.";
    case RC_USER_DISCONNECTION:
        return "The connection was closed by the user.";
    case RC_INVALID_SIZE:
        return "The structure size (dwSize) is wrong or not supported.";
    case RC_PORT_NOT_AVAILABLE:
        return "The port or modem is already in use or is not set up for dialing out.";
    case RC_CANNOT_PROJECT_CLIENT:
        return "The computer could not be registered on the remote network.";
    case RC_UNKNOWN:
        return "An unknown error occurred.";
    case RC_WRONG_DEVICE_ATTACHED:
        return "The device attached to the port is not the one expected.";
    case RC_BAD_STRING:
        return "A string could not be converted.";
    case RC_REQUEST_TIMEOUT:
        return "The request timed out.";
    case RC_CANNOT_GET_LANA:
        return "No NetBIOS network adapter (LANA) is available.";
    case RC_NETBIOS_ERROR:
        return "A NetBIOS error occurred.";
    case RC_SERVER_OUT_OF_RESOURCES:
        return "The server has run out of NetBIOS resources for this client.";
    case RC_NAME_EXISTS_ON_NET:
        return "A NetBIOS name of this computer is already registered on the remote network.";
    case RC_SERVER_GENERAL_NET_FAILURE:
        return "A network adapter on the server failed.";
    case RC_WARNING_MSG_ALIAS_NOT_ADDED:
        return "Network message pop-ups will not be received.";
    case RC_AUTH_INTERNAL:
        return "An internal authentication error occurred.";
    case RC_RESTRICTED_LOGON_HOURS:
        return "The account is not allowed to log on at this time of day.";
    case RC_ACCT_DISABLED:
        return "The account is disabled.";
    case RC_PASSWD_EXPIRED:
        return "The password has expired.";
    case RC_NO_DIALIN_PERMISSION:
        return "The account does not have permission to dial in.";
    case RC_SERVER_NOT_RESPONDING:
        return "The remote access server is not responding.";
    case RC_FROM_DEVICE:
        return "The modem or other device reported an error.";
    case RC_UNRECOGNIZED_RESPONSE:
        return "The modem or other device gave a response that was not recognised.";
    case RC_MACRO_NOT_FOUND:
        return "A macro required by the device script was not found.";
    case RC_MACRO_NOT_DEFINED:
        return "A command or response in the device script uses an undefined macro.";
    case RC_MESSAGE_MACRO_NOT_FOUND:
        return "The <message> macro was not found in the device script.";
    case RC_DEFAULTOFF_MACRO_NOT_FOUND:
        return "The <defaultoff> macro was not found in the device script.";
    case RC_FILE_COULD_NOT_BE_OPENED:
        return "The device script file could not be opened.";
    case RC_DEVICENAME_TOO_LONG:
        return "The device name in the device script or media file is too long.";
    case RC_DEVICENAME_NOT_FOUND:
        return "The media file refers to a device name that is not known.";
    case RC_NO_RESPONSES:
        return "The device script has no responses for a command.";
    case RC_NO_COMMAND_FOUND:
        return "The device script is missing a command.";
    case RC_WRONG_KEY_SPECIFIED:
        return "The device script uses a key that is not allowed in that section.";
    case RC_UNKNOWN_DEVICE_TYPE:
        return "The device type in the media file is not known.";
    case RC_ALLOCATING_MEMORY:
        return "Memory could not be allocated.";
    case RC_PORT_NOT_CONFIGURED:
        return "The port is not configured for remote access.";
    case RC_DEVICE_NOT_READY:
        return "The modem or other device is not working or not ready.";
    case RC_READING_INI_FILE:
        return "The media configuration file could not be read.";
    case RC_NO_CONNECTION:
        return "The connection dropped.";
    case RC_BAD_USAGE_IN_INI_FILE:
        return "The usage setting in the media configuration file is not valid.";
    case RC_READING_SECTIONNAME:
        return "A section name could not be read from the media configuration file.";
    case RC_READING_DEVICETYPE:
        return "A device type could not be read from the media configuration file.";
    case RC_READING_DEVICENAME:
        return "A device name could not be read from the media configuration file.";
    case RC_READING_USAGE:
        return "The usage setting could not be read from the media configuration file.";
    case RC_READING_MAXCONNECTBPS:
        return "The maximum connect speed could not be read from the media configuration file.";
    case RC_READING_MAXCARRIERBPS:
        return "The maximum carrier speed could not be read from the media configuration file.";
    case RC_LINE_BUSY:
        return "The line is busy.";
    case RC_VOICE_ANSWER:
        return "A person answered instead of a modem.";
    case RC_NO_ANSWER:
        return "There was no answer.";
    case RC_NO_CARRIER:
        return "No carrier was detected: the remote modem did not answer the call.";
    case RC_NO_DIALTONE:
        return "There is no dial tone.";
    case RC_IN_COMMAND:
        return "The device reported a general command error.";
    case RC_WRITING_SECTIONNAME:
        return "A section name could not be written to the media configuration file.";
    case RC_WRITING_DEVICETYPE:
        return "A device type could not be written to the media configuration file.";
    case RC_WRITING_DEVICENAME:
        return "A device name could not be written to the media configuration file.";
    case RC_WRITING_MAXCONNECTBPS:
        return "The maximum connect speed could not be written to the media configuration file.";
    case RC_WRITING_MAXCARRIERBPS:
        return "The maximum carrier speed could not be written to the media configuration file.";
    case RC_WRITING_USAGE:
        return "The usage setting could not be written to the media configuration file.";
    case RC_WRITING_DEFAULTOFF:
        return "The default-off setting could not be written to the media configuration file.";
    case RC_READING_DEFAULTOFF:
        return "The default-off setting could not be read from the media configuration file.";
    case RC_EMPTY_INI_FILE:
        return "The media configuration file is empty.";
    case RC_AUTHENTICATION_FAILURE:
        return "Authentication failed: the user name or password was rejected, or no authentication protocol could be agreed.";
    case RC_PORT_OR_DEVICE:
        return "The port or the device attached to it has a hardware failure.";
    case RC_NOT_BINARY_MACRO:
        return "A binary macro in the device script is not valid.";
    case RC_DCB_NOT_FOUND:
        return "The device control block was not found.";
    case RC_STATE_MACHINES_NOT_STARTED:
        return "The state machines have not been started.";
    case RC_STATE_MACHINES_ALREADY_STARTED:
        return "The state machines have already been started.";
    case RC_PARTIAL_RESPONSE_LOOPING:
        return "The device response is looping on a partial match.";
    case RC_UNKNOWN_RESPONSE_KEY:
        return "A response key name in the device script is not valid.";
    case RC_RECV_BUF_FULL:
        return "The device sent more data than the receive buffer can hold.";
    case RC_CMD_TOO_LONG:
        return "A command in the device script is too long once expanded.";
    case RC_UNSUPPORTED_BPS:
        return "The device was asked to use a speed it does not support.";
    case RC_UNEXPECTED_RESPONSE:
        return "The device sent a response that was not expected.";
    case RC_INTERACTIVE_MODE:
        return "The connection needs user interaction (for example a terminal window or new credentials), which was not allowed.";
    case RC_BAD_CALLBACK_NUMBER:
        return "The callback number is not valid.";
    case RC_INVALID_AUTH_STATE:
        return "The authentication state is not valid.";
    case RC_WRITING_INITBPS:
        return "The initial speed setting could not be written.";
    case RC_X25_DIAGNOSTIC:
        return "The X.25 network reported a diagnostic.";
    case RC_ACCT_EXPIRED:
        return "The account has expired.";
    case RC_CHANGING_PASSWORD:
        return "The password could not be changed on the domain.";
    case RC_OVERRUN:
        return "Data was lost on the serial line to the modem (overrun).";
    case RC_RASMAN_CANNOT_INITIALIZE:
        return "The remote access manager could not be started.";
    case RC_BIPLEX_PORT_NOT_AVAILABLE:
        return "The two-way port is still initialising; wait a moment and dial again.";
    case RC_NO_ACTIVE_ISDN_LINES:
        return "No ISDN lines are active.";
    case RC_NO_ISDN_CHANNELS_AVAILABLE:
        return "No ISDN channels are free to make the call.";
    case RC_TOO_MANY_LINE_ERRORS:
        return "Too many errors occurred because the phone line is poor.";
    case RC_IP_CONFIGURATION:
        return "The remote access IP configuration cannot be used.";
    case RC_NO_IP_ADDRESSES:
        return "No IP addresses are left in the static address pool.";
    case RC_PPP_TIMEOUT:
        return "The remote computer did not send a valid PPP response in time.";
    case RC_PPP_REMOTE_TERMINATED:
        return "The remote computer ended the PPP connection.";
    case RC_PPP_NO_PROTOCOLS_CONFIGURED:
        return "No PPP network protocol could be agreed with the remote computer.";
    case RC_PPP_NO_RESPONSE:
        return "The remote computer is not responding to PPP.";
    case RC_PPP_INVALID_PACKET:
        return "A PPP packet that is not valid was received.";
    case RC_PHONE_NUMBER_TOO_LONG:
        return "The phone number, with prefix and suffix, is too long.";
    case RC_IPXCP_NO_DIALOUT_CONFIGURED:
        return "IPX cannot dial out on this port.";
    case RC_IPXCP_NO_DIALIN_CONFIGURED:
        return "IPX cannot accept calls on this port.";
    case RC_IPXCP_DIALOUT_ALREADY_ACTIVE:
        return "IPX is already dialing out on another port.";
    case RC_ACCESSING_TCPCFGDLL:
        return "The TCP/IP configuration library could not be used.";
    case RC_NO_IP_RAS_ADAPTER:
        return "No IP adapter is bound to remote access.";
    case RC_SLIP_REQUIRES_IP:
        return "SLIP cannot be used unless the IP protocol is installed.";
    case RC_PROJECTION_NOT_COMPLETE:
        return "Registration of this computer on the remote network has not finished.";
    case RC_PROTOCOL_NOT_CONFIGURED:
        return "The protocol is not configured.";
    case RC_PPP_NOT_CONVERGING:
        return "PPP negotiation is not converging.";
    case RC_PPP_CP_REJECTED:
        return "The remote computer refused the PPP control protocol for this network protocol.";
    case RC_PPP_LCP_TERMINATED:
        return "The PPP link control protocol ended the connection.";
    case RC_PPP_REQUIRED_ADDRESS_REJECTED:
        return "The remote computer rejected the address requested.";
    case RC_PPP_NCP_TERMINATED:
        return "The remote computer ended a PPP network control protocol.";
    case RC_PPP_LOOPBACK_DETECTED:
        return "A loopback was detected: the line is echoing our own packets.";
    case RC_PPP_NO_ADDRESS_ASSIGNED:
        return "The remote computer did not assign an address.";
    case RC_CANNOT_USE_LOGON_CREDENTIALS:
        return "The remote computer's authentication protocol cannot use the stored password.";
    case RC_TAPI_CONFIGURATION:
        return "The telephony (dialing rules) configuration is not valid.";
    case RC_NO_LOCAL_ENCRYPTION:
        return "This computer does not support the encryption the connection requires.";
    case RC_NO_REMOTE_ENCRYPTION:
        return "The remote computer does not support the encryption the connection requires.";
    case RC_REMOTE_REQUIRES_ENCRYPTION:
        return "The remote computer requires encryption.";
    case RC_IPXCP_NET_NUMBER_CONFLICT:
        return "The IPX network number given by the remote computer cannot be used.";
    case RC_INVALID_SMM:
        return "The session management module is not valid.";
    case RC_SMM_UNINITIALIZED:
        return "The session management module has not been initialised.";
    case RC_NO_MAC_FOR_PORT:
        return "No MAC address is available for the port.";
    case RC_SMM_TIMEOUT:
        return "The session management module timed out.";
    case RC_BAD_PHONE_NUMBER:
        return "The phone number is not valid.";
    case RC_WRONG_MODULE:
        return "The wrong module was loaded.";
    case RC_INVALID_CALLBACK_NUMBER:
        return "The callback number contains characters that are not allowed (only digits, T, P, W, (, ), -, @ and space).";
    case RC_SCRIPT_SYNTAX:
        return "The dial script has a syntax error.";
    case RC_HANGUP_FAILED:
        return "The connection cannot be hung up because the router owns it.";
    case RC_BUNDLE_NOT_FOUND:
        return "The multilink bundle was not found.";
    case RC_CANNOT_DO_CUSTOMDIAL:
        return "The entry cannot be dialled automatically because it uses a custom dialer.";
    case RC_DIAL_ALREADY_IN_PROGRESS:
        return "This connection is already being dialled.";
    case RC_RASAUTO_CANNOT_INITIALIZE:
        return "The remote access AutoDial service could not be started.";
    case RC_CONNECTION_ALREADY_SHARED:
        return "Connection sharing is already enabled on this connection.";
    case RC_SHARING_CHANGE_FAILED:
        return "Connection sharing settings could not be changed.";
    case RC_SHARING_ROUTER_INSTALL:
        return "Routing could not be set up for connection sharing.";
    case RC_SHARE_CONNECTION_FAILED:
        return "Connection sharing could not be enabled on this connection.";
    case RC_SHARING_PRIVATE_INSTALL:
        return "The private network settings for connection sharing could not be applied.";
    case RC_CANNOT_SHARE_CONNECTION:
        return "Connection sharing cannot be enabled: the private network needs exactly one adapter.";
    case RC_NO_SMART_CARD_READER:
        return "No smart card reader is installed.";
    case RC_SHARING_ADDRESS_EXISTS:
        return "Connection sharing cannot be enabled: another device already uses the sharing address.";
    case RC_NO_CERTIFICATE:
        return "No certificate was found for the connection.";
    case RC_SHARING_MULTIPLE_ADDRESSES:
        return "Connection sharing cannot be enabled: the private network adapter has more than one address.";
    case RC_FAILED_TO_ENCRYPT:
        return "Encrypting the data failed.";
    case RC_BAD_ADDRESS_SPECIFIED:
        return "The destination cannot be reached.";
    case RC_CONNECTION_REJECT:
        return "The remote computer rejected the call.";
    case RC_CONGESTION:
        return "The network is busy (congestion).";
    case RC_INCOMPATIBLE:
        return "The remote hardware does not support this type of call.";
    case RC_NUMBERCHANGED:
        return "The destination number has changed.";
    case RC_TEMPFAILURE:
        return "A temporary failure occurred; try again.";
    case RC_BLOCKED:
        return "The remote side blocked the call.";
    case RC_DONOTDISTURB:
        return "The remote side does not accept calls at the moment (do not disturb).";
    case RC_OUTOFORDER:
        return "The remote modem or device is out of order.";
    case RC_UNABLE_TO_AUTHENTICATE_SERVER:
        return "The identity of the server could not be verified.";
    case RC_SMART_CARD_REQUIRED:
        return "A smart card is required for this connection.";
    case RC_INVALID_FUNCTION_FOR_ENTRY:
        return "This function cannot be used with this entry (for example, the entry does not use EAP).";
    case RC_CERT_FOR_ENCRYPTION_NOT_FOUND:
        return "No certificate usable for encryption was found.";
    case RC_SHARING_RRAS_CONFLICT:
        return "Connection sharing conflicts with the routing service already running.";
    case RC_SHARING_NO_PRIVATE_LAN:
        return "Connection sharing cannot be enabled: the private network adapter is missing.";
    case RC_NO_DIFF_USER_AT_LOGON:
        return "A different user cannot be used for this connection while logging on.";
    case RC_NO_REG_CERT_AT_LOGON:
        return "No registered certificate can be used for this connection while logging on.";
    case RC_OAKLEY_NO_CERT:
        return "The L2TP connection failed: no valid machine certificate for IPsec.";
    case RC_OAKLEY_AUTH_FAIL:
        return "The L2TP connection failed: the remote computer could not be authenticated for IPsec.";
    case RC_OAKLEY_ATTRIB_FAIL:
        return "The L2TP connection failed: no common IPsec security parameters could be agreed.";
    case RC_OAKLEY_GENERAL_PROCESSING:
        return "The L2TP connection failed: an error occurred while negotiating IPsec.";
    case RC_OAKLEY_NO_PEER_CERT:
        return "The L2TP connection failed: the remote computer's certificate could not be validated.";
    case RC_OAKLEY_NO_POLICY:
        return "The L2TP connection failed: no IPsec security policy was found.";
    case RC_OAKLEY_TIMED_OUT:
        return "The L2TP connection failed: IPsec negotiation timed out.";
    case RC_OAKLEY_ERROR:
        return "The L2TP connection failed: an error occurred during IPsec negotiation.";
    case RC_UNKNOWN_FRAMED_PROTOCOL:
        return "The framed protocol the server's policy sets for this user is not PPP.";
    case RC_WRONG_TUNNEL_TYPE:
        return "The tunnel type the server's policy sets for this user is not correct.";
    case RC_UNKNOWN_SERVICE_TYPE:
        return "The service type the server's policy sets for this user is not callback-framed or framed.";
    case RC_CONNECTING_DEVICE_NOT_FOUND:
        return "The modem (or other connecting device) was not found or is busy.";
    case RC_NO_EAPTLS_CERTIFICATE:
        return "No certificate usable with this EAP method was found.";
    case RC_SHARING_HOST_ADDRESS_CONFLICT:
        return "Connection sharing cannot be enabled: the sharing address is already used on the network.";
    case RC_AUTOMATIC_VPN_FAILED:
        return "The VPN connection could not be established.";
    case RC_VALIDATING_SERVER_CERT:
        return "The server's certificate could not be verified.";
    case RC_READING_SCARD:
        return "The smart card could not be read.";
    case RC_INVALID_PEAP_COOKIE_CONFIG:
        return "The PEAP fast-reconnect settings do not match the current configuration.";
    case RC_INVALID_PEAP_COOKIE_USER:
        return "The PEAP fast-reconnect data belongs to a different user.";
    case RC_INVALID_MSCHAPV2_CONFIG:
        return "The MS-CHAPv2 logon settings are not valid.";
    case RC_VPN_GRE_BLOCKED:
        return "The VPN connection failed: GRE packets are blocked between here and the server.";
    case RC_VPN_DISCONNECT:
        return "The VPN connection was interrupted.";
    case RC_VPN_REFUSED:
        return "The VPN server refused the connection.";
    case RC_VPN_TIMEOUT:
        return "The VPN server did not respond.";
    case RC_VPN_BAD_CERT:
        return "The VPN connection failed: the certificate is not valid.";
    case RC_VPN_BAD_PSK:
        return "The VPN connection failed: the pre-shared key is not valid.";
    case RC_SERVER_POLICY:
        return "A policy on the remote access server refused the connection.";
    case RC_BROADBAND_ACTIVE:
        return "A broadband connection is already active on this device.";
    case RC_BROADBAND_NO_NIC:
        return "No working Ethernet link was found for the broadband (PPPoE) connection.";
    case RC_BROADBAND_TIMEOUT:
        return "The broadband (PPPoE) server did not respond.";
    case RC_FEATURE_DEPRECATED:
        return "This feature is no longer supported.";
    case RC_CANNOT_DELETE:
        return "The entry cannot be deleted while it is connected.";
    case RC_RASQEC_RESOURCE_CREATION_FAILED:
        return "The network access protection client could not create a resource.";
    case RC_RASQEC_NAPAGENT_NOT_ENABLED:
        return "The network access protection agent is not enabled.";
    case RC_RASQEC_NAPAGENT_NOT_CONNECTED:
        return "The network access protection agent could not be contacted.";
    case RC_RASQEC_CONN_DOESNOTEXIST:
        return "The connection no longer exists for network access protection.";
    case RC_RASQEC_TIMEOUT:
        return "The network access protection request timed out.";
    case RC_PEAP_CRYPTOBINDING_INVALID:
        return "The PEAP crypto-binding received is not valid.";
    case RC_PEAP_CRYPTOBINDING_NOTRECEIVED:
        return "No PEAP crypto-binding was received.";
    case RC_INVALID_VPNSTRATEGY:
        return "The VPN strategy is not valid for this connection (PPTP cannot be used over IPv6).";
    case RC_EAPTLS_CACHE_CREDENTIALS_INVALID:
        return "The cached EAP-TLS credentials are not valid.";
    case RC_IPSEC_SERVICE_STOPPED:
        return "The IPsec services are stopped.";
    case RC_IDLE_TIMEOUT:
        return "The connection was ended because it was idle too long.";
    case RC_LINK_FAILURE:
        return "The connection was ended because the link failed.";
    case RC_USER_LOGOFF:
        return "The connection was ended because the user logged off.";
    case RC_FAST_USER_SWITCH:
        return "The connection was ended because of a user switch.";
    case RC_HIBERNATION:
        return "The connection was ended because the computer hibernated.";
    case RC_SYSTEM_SUSPENDED:
        return "The connection was ended because the computer was suspended.";
    case RC_RASMAN_SERVICE_STOPPED:
        return "The connection was ended because the remote access manager stopped.";
    case RC_INVALID_SERVER_CERT:
        return "The server's certificate does not match the name of the destination.";
    case RC_NOT_NAP_CAPABLE:
        return "This computer cannot take part in network access protection.";
    case RC_INVALID_TUNNELID:
        return "The tunnel identifier is not valid.";
    case RC_UPDATECONNECTION_REQUEST_IN_PROCESS:
        return "A request to update the connection is already in progress.";
    case RC_PROTOCOL_ENGINE_DISABLED:
        return "The tunnel protocol engine is disabled.";
    case RC_INTERNAL_ADDRESS_FAILURE:
        return "The internal address could not be obtained from the server.";
    case RC_FAILED_CP_REQUIRED:
        return "A required configuration payload could not be obtained from the server.";
    case RC_TS_UNACCEPTABLE:
        return "The traffic selectors proposed by the server cannot be accepted.";
    case RC_MOBIKE_DISABLED:
        return "Mobility (MOBIKE) is disabled for this connection.";
    case RC_CANNOT_INITIATE_MOBIKE_UPDATE:
        return "The mobility (MOBIKE) update could not be started.";
    case RC_PEAP_SERVER_REJECTED_CLIENT_TLV:
        return "The server rejected the PEAP client's TLV.";
    case RC_INVALID_PREFERENCES:
        return "The connection preferences are not valid.";
    case RC_EAPTLS_SCARD_CACHE_CREDENTIALS_INVALID:
        return "The cached smart card credentials for EAP-TLS are not valid.";
    case RC_SSTP_COOKIE_SET_FAILURE:
        return "The SSTP cookie could not be set.";
    case RC_INVALID_PEAP_COOKIE_ATTRIBUTES:
        return "The PEAP cookie attributes are not valid.";
    case RC_EAP_METHOD_NOT_INSTALLED:
        return "The EAP method is not installed.";
    case RC_EAP_METHOD_DOES_NOT_SUPPORT_SSO:
        return "The EAP method does not support single sign-on.";
    case RC_EAP_METHOD_OPERATION_NOT_SUPPORTED:
        return "The EAP method does not support this operation.";
    case RC_EAP_USER_CERT_INVALID:
        return "The user certificate for EAP is not valid.";
    case RC_EAP_USER_CERT_EXPIRED:
        return "The user certificate for EAP has expired.";
    case RC_EAP_USER_CERT_REVOKED:
        return "The user certificate for EAP has been revoked.";
    case RC_EAP_USER_CERT_OTHER_ERROR:
        return "The user certificate for EAP could not be used.";
    case RC_EAP_SERVER_CERT_INVALID:
        return "The server certificate for EAP is not valid.";
    case RC_EAP_SERVER_CERT_EXPIRED:
        return "The server certificate for EAP has expired.";
    case RC_EAP_SERVER_CERT_REVOKED:
        return "The server certificate for EAP has been revoked.";
    case RC_EAP_SERVER_CERT_OTHER_ERROR:
        return "The server certificate for EAP could not be used.";
    case RC_EAP_USER_ROOT_CERT_NOT_FOUND:
        return "The root certificate for the EAP user certificate was not found.";
    case RC_EAP_USER_ROOT_CERT_INVALID:
        return "The root certificate for the EAP user certificate is not valid.";
    case RC_EAP_USER_ROOT_CERT_EXPIRED:
        return "The root certificate for the EAP user certificate has expired.";
    case RC_EAP_SERVER_ROOT_CERT_NOT_FOUND:
        return "The root certificate for the EAP server certificate was not found.";
    case RC_EAP_SERVER_ROOT_CERT_INVALID:
        return "The root certificate for the EAP server certificate is not valid.";
    case RC_EAP_SERVER_ROOT_CERT_NAME_REQUIRED:
        return "The server name must be configured to validate the EAP server certificate.";
    case RC_PEAP_IDENTITY_MISMATCH:
        return "The identity in the PEAP exchange does not match the user.";
    case RC_DNSNAME_NOT_RESOLVABLE:
        return "The server's DNS name could not be resolved.";
    case RC_EAPTLS_PASSWD_INVALID:
        return "The EAP-TLS password is not valid.";
    case RC_IKEV2_PSK_INTERFACE_ALREADY_EXISTS:
        return "An IKEv2 pre-shared key interface already exists for this server.";
    }
    return NULL;
}

const char *ras_error_text(uint32_t code)
{
    /* An HRESULT, outside the enum's int range, so handled before it. */
    if (code == E_INVALIDARG)
        return "An argument is not valid (a null pointer, a zero handle, or an unsupported structure size).";
    /* Values that fit no enumerator fall through the switch to NULL. */
    if (code > RASBASEEND && code != ERROR_INVALID_USER_BUFFER)
        return NULL;
    return code_text((enum ras_code)code);
}

DWORD APIENTRY RasGetErrorStringA(UINT ResourceId, LPSTR lpszString, DWORD InBufSize)
{
    const char *text;
    size_t need;

    if (lpszString == NULL)
        return ERROR_INVALID_PARAMETER;
    text = ras_error_text(ResourceId);
    if (text == NULL)
        return ERROR_INVALID_PARAMETER;
    /* The size is in characters, and the terminating NUL counts. */
    need = strlen(text) + 1;
    if (InBufSize < need)
        return ERROR_INSUFFICIENT_BUFFER;
    memcpy(lpszString, text, need);
    return ERROR_SUCCESS;
}
