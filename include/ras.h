/* ras.h: the Windows Remote Access Service client API (rasapi32) for Linux.
 * Names, field order and numeric values follow the Windows SDK so that
 * ported code compiles unchanged; only the A (narrow) forms exist, and
 * their strings are UTF-8. Error numbers live in raserror.h. */
#ifndef OPENRAS_RAS_H
#define OPENRAS_RAS_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "raserror.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RASAPI __attribute__((visibility("default")))

#ifdef __cplusplus
#define RAS_STATIC_ASSERT(c, m) static_assert(c, m)
#else
#define RAS_STATIC_ASSERT(c, m) _Static_assert(c, m)
#endif

/* ------------------------------------------------------------------ */
/* Windows base types, fixed-width so every struct keeps the Windows    */
/* layout. A program that already has these (its own windef.h shim)     */
/* defines OPENRAS_HAVE_WIN_TYPES before including us; Windows' own      */
/* windef.h (Wine's or MinGW's, included first) provides them too.      */
/* ------------------------------------------------------------------ */
#if !defined(OPENRAS_HAVE_WIN_TYPES) && !defined(_WINDEF_) && !defined(_MINWINDEF_)
#define OPENRAS_HAVE_WIN_TYPES
typedef uint32_t DWORD;
typedef int32_t BOOL;
typedef uint32_t UINT;
typedef int32_t LONG;
typedef uint16_t WORD;
typedef uint8_t BYTE;
typedef char CHAR;
typedef uintptr_t ULONG_PTR;
typedef void *LPVOID;
typedef void *PVOID;
typedef void *HANDLE;
typedef void *HWND;            /* no windows here; kept for signatures */
typedef char *LPSTR;
typedef const char *LPCSTR;
typedef DWORD *LPDWORD;
typedef DWORD *PDWORD;
typedef BOOL *LPBOOL;
typedef BYTE *LPBYTE;
typedef BYTE *PBYTE;

typedef struct _GUID {
    uint32_t Data1;
    uint16_t Data2;
    uint16_t Data3;
    uint8_t Data4[8];
} GUID;

typedef struct _LUID {
    DWORD LowPart;
    LONG HighPart;
} LUID;
#endif /* OPENRAS_HAVE_WIN_TYPES */

#ifndef VOID
#define VOID void
#endif

/* libras's calling convention: the platform's C one, always. Declarations
 * here use RAS_APIENTRY, never WINAPI/APIENTRY: next to Windows' headers
 * (Wine's windef.h, where WINAPI is __stdcall, ms_abi on x86-64) those
 * would silently make every call into libras pass its arguments in the
 * wrong registers. A translation unit may include windef.h first and then
 * this header; the notifier typedefs below are libras's convention too. */
#define RAS_APIENTRY

/* For Linux programs written the Windows way (VOID WINAPI MyNotifier...),
 * when no Windows header has defined them. */
#ifndef WINAPI
#define WINAPI
#endif
#ifndef APIENTRY
#define APIENTRY
#endif
#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif
#ifndef MAX_PATH
#define MAX_PATH 260
#endif

/* lmcons.h lengths used by the credential fields. */
#ifndef UNLEN
#define UNLEN 256
#endif
#ifndef PWLEN
#define PWLEN 256
#endif
#ifndef DNLEN
#define DNLEN 15
#endif
#ifndef NETBIOS_NAME_LEN
#define NETBIOS_NAME_LEN 16
#endif

/* Every structure below is laid out as the SDK lays it out: 4-byte
 * packing, so pointer members sit on 4-byte boundaries on 64-bit too. */
#pragma pack(push, 4)

/* ------------------------------------------------------------------ */
/* Limits. String arrays are one longer than the limit (for the NUL).  */
/* ------------------------------------------------------------------ */
#define RAS_MaxDeviceType      16
#define RAS_MaxPhoneNumber     128
#define RAS_MaxIpAddress       15
#define RAS_MaxIpxAddress      21
#define RAS_MaxEntryName       256
#define RAS_MaxDeviceName      128
#define RAS_MaxCallbackNumber  RAS_MaxPhoneNumber
#define RAS_MaxAreaCode        10
#define RAS_MaxPadType         32
#define RAS_MaxX25Address      200
#define RAS_MaxFacilities      200
#define RAS_MaxUserData        200
#define RAS_MaxReplyMessage    1024
#define RAS_MaxDnsSuffix       256
#define RAS_MaxIDSize          256

/* ------------------------------------------------------------------ */
/* Handles, addresses, versions                                         */
/* ------------------------------------------------------------------ */

/* Opaque: libras checks every handle it is given (a stale or made-up
 * one gets ERROR_INVALID_HANDLE), so never dereference it. */
typedef struct HRASCONN__ *HRASCONN;
typedef HRASCONN *LPHRASCONN;

typedef struct RASIPADDR {
    BYTE a;
    BYTE b;
    BYTE c;
    BYTE d;
} RASIPADDR;

/* Network byte order, as on Windows; the Linux types so inet_ntop works. */
typedef struct in_addr RASIPV4ADDR;
typedef struct in6_addr RASIPV6ADDR;

typedef enum RASAPIVERSION {
    RASAPIVERSION_500 = 1,
    RASAPIVERSION_501 = 2,
    RASAPIVERSION_600 = 3,
    RASAPIVERSION_601 = 4
} RASAPIVERSION;
#define RASAPIVERSION_CURRENT RASAPIVERSION_601

#define RASTUNNELENDPOINT_UNKNOWN 0
#define RASTUNNELENDPOINT_IPv4    1
#define RASTUNNELENDPOINT_IPv6    2

typedef struct tagRASTUNNELENDPOINT {
    DWORD dwType;                 /* RASTUNNELENDPOINT_* */
    union {
        RASIPV4ADDR ipv4;
        RASIPV6ADDR ipv6;
    };
} RASTUNNELENDPOINT, *PRASTUNNELENDPOINT;

/* ------------------------------------------------------------------ */
/* Connection states (RasDial notifications, RasGetConnectStatus)      */
/* ------------------------------------------------------------------ */
#define RASCS_PAUSED 0x1000
#define RASCS_DONE   0x2000

typedef enum tagRASCONNSTATE {
    RASCS_OpenPort = 0,
    RASCS_PortOpened = 1,
    RASCS_ConnectDevice = 2,
    RASCS_DeviceConnected = 3,
    RASCS_AllDevicesConnected = 4,
    RASCS_Authenticate = 5,
    RASCS_AuthNotify = 6,
    RASCS_AuthRetry = 7,
    RASCS_AuthCallback = 8,
    RASCS_AuthChangePassword = 9,
    RASCS_AuthProject = 10,
    RASCS_AuthLinkSpeed = 11,
    RASCS_AuthAck = 12,
    RASCS_ReAuthenticate = 13,
    RASCS_Authenticated = 14,
    RASCS_PrepareForCallback = 15,
    RASCS_WaitForModemReset = 16,
    RASCS_WaitForCallback = 17,
    RASCS_Projected = 18,
    RASCS_StartAuthentication = 19,    /* 19-21: Windows 95 only */
    RASCS_CallbackComplete = 20,
    RASCS_LogonNetwork = 21,
    RASCS_SubEntryConnected = 22,
    RASCS_SubEntryDisconnected = 23,
    RASCS_ApplySettings = 24,          /* Windows 7 SDK */

    /* Reached only with RDEOPT_PausedStates; the caller resumes the dial
     * by calling RasDial again with the same handle. */
    RASCS_Interactive = RASCS_PAUSED,
    RASCS_RetryAuthentication = RASCS_PAUSED + 1,
    RASCS_CallbackSetByCaller = RASCS_PAUSED + 2,
    RASCS_PasswordExpired = RASCS_PAUSED + 3,
    RASCS_InvokeEapUI = RASCS_PAUSED + 4,

    RASCS_Connected = RASCS_DONE,
    RASCS_Disconnected = RASCS_DONE + 1
} RASCONNSTATE;
typedef RASCONNSTATE *LPRASCONNSTATE;

#define RASCSS_DONE 0x2000

typedef enum tagRASCONNSUBSTATE {
    RASCSS_None = 0,
    RASCSS_Dormant = 1,
    RASCSS_Reconnecting = 2,
    RASCSS_Reconnected = RASCSS_DONE
} RASCONNSUBSTATE;
typedef RASCONNSUBSTATE *LPRASCONNSUBSTATE;

/* ------------------------------------------------------------------ */
/* RASCONN (RasEnumConnections)                                         */
/* ------------------------------------------------------------------ */
#define RASCF_AllUsers    0x00000001
#define RASCF_GlobalCreds 0x00000002
#define RASCF_OwnerKnown  0x00000004
#define RASCF_OwnerMatch  0x00000008
#define RASCF_IsOwner(f) \
    (((f) & (RASCF_OwnerKnown | RASCF_OwnerMatch)) == (RASCF_OwnerKnown | RASCF_OwnerMatch))
#define RASCF_IsNotOwner(f) \
    (((f) & (RASCF_OwnerKnown | RASCF_OwnerMatch)) == RASCF_OwnerKnown)

typedef struct tagRASCONNA {
    DWORD dwSize;
    HRASCONN hrasconn;
    CHAR szEntryName[RAS_MaxEntryName + 1];
    CHAR szDeviceType[RAS_MaxDeviceType + 1];
    CHAR szDeviceName[RAS_MaxDeviceName + 1];
    /* NT4 enhancements (WINVER 0x401) */
    CHAR szPhonebook[MAX_PATH];
    DWORD dwSubEntry;
    /* Windows 2000 */
    GUID guidEntry;
    /* Windows XP */
    DWORD dwFlags;                /* RASCF_* */
    LUID luid;
    /* Windows Vista */
    GUID guidCorrelationId;
} RASCONNA;

/* ------------------------------------------------------------------ */
/* RASCONNSTATUS (RasGetConnectStatus)                                  */
/* ------------------------------------------------------------------ */
typedef struct tagRASCONNSTATUSA {
    DWORD dwSize;
    RASCONNSTATE rasconnstate;
    DWORD dwError;                /* why the dial failed; 0 while fine */
    CHAR szDeviceType[RAS_MaxDeviceType + 1];
    CHAR szDeviceName[RAS_MaxDeviceName + 1];
    /* NT4 enhancements */
    CHAR szPhoneNumber[RAS_MaxPhoneNumber + 1];
    /* Windows 7 */
    RASTUNNELENDPOINT localEndPoint;
    RASTUNNELENDPOINT remoteEndPoint;
    RASCONNSUBSTATE rasconnsubstate;
} RASCONNSTATUSA;

/* ------------------------------------------------------------------ */
/* RASDIALPARAMS (RasDial, Ras{Get,Set}EntryDialParams)                 */
/* ------------------------------------------------------------------ */
typedef struct tagRASDIALPARAMSA {
    DWORD dwSize;
    CHAR szEntryName[RAS_MaxEntryName + 1];
    CHAR szPhoneNumber[RAS_MaxPhoneNumber + 1];
    CHAR szCallbackNumber[RAS_MaxCallbackNumber + 1];
    CHAR szUserName[UNLEN + 1];
    CHAR szPassword[PWLEN + 1];
    CHAR szDomain[DNLEN + 1];
    /* NT4 enhancements */
    DWORD dwSubEntry;
    ULONG_PTR dwCallbackId;
    /* Windows 7 */
    DWORD dwIfIndex;
    /* Windows 8. Present so sizeof matches what current Windows headers
     * give (programs copy sizeof into dwSize). libras never reads or
     * writes through it: there is no CryptProtectMemory here, so the
     * password always travels in szPassword. Set it to NULL. */
    LPSTR szEncPassword;
} RASDIALPARAMSA;

/* ------------------------------------------------------------------ */
/* RASDIALEXTENSIONS (RasDial)                                          */
/* ------------------------------------------------------------------ */
typedef struct tagRASEAPINFO {
    DWORD dwSizeofEapInfo;
    BYTE *pbEapInfo;
} RASEAPINFO;

typedef struct tagRASDEVSPECIFICINFO {
    DWORD dwSize;
    BYTE *pbDevSpecificInfo;
} RASDEVSPECIFICINFO, *PRASDEVSPECIFICINFO;

typedef struct tagRASDIALEXTENSIONS {
    DWORD dwSize;
    DWORD dwfOptions;             /* RDEOPT_* */
    HWND hwndParent;
    ULONG_PTR reserved;
    /* Windows 2000 */
    ULONG_PTR reserved1;
    RASEAPINFO RasEapInfo;
    /* Windows 7 */
    BOOL fSkipPppAuth;
    RASDEVSPECIFICINFO RasDevSpecificInfo;
} RASDIALEXTENSIONS;
typedef RASDIALEXTENSIONS *LPRASDIALEXTENSIONS;

#define RDEOPT_UsePrefixSuffix                0x00000001
#define RDEOPT_PausedStates                   0x00000002
#define RDEOPT_IgnoreModemSpeaker             0x00000004
#define RDEOPT_SetModemSpeaker                0x00000008
#define RDEOPT_IgnoreSoftwareCompression      0x00000010
#define RDEOPT_SetSoftwareCompression         0x00000020
#define RDEOPT_DisableConnectedUI             0x00000040
#define RDEOPT_DisableReconnectUI             0x00000080
#define RDEOPT_DisableReconnect               0x00000100
#define RDEOPT_NoUser                         0x00000200
#define RDEOPT_PauseOnScript                  0x00000400
#define RDEOPT_Router                         0x00000800
#define RDEOPT_CustomDial                     0x00001000
#define RDEOPT_UseCustomScripting             0x00002000
#define RDEOPT_InvokeAutoTriggerCredentialUI  0x00004000
#define RDEOPT_EapInfoCryptInCapable          0x00008000

/* ------------------------------------------------------------------ */
/* RASENTRYNAME (RasEnumEntries)                                        */
/* ------------------------------------------------------------------ */
#define REN_User     0x00000000
#define REN_AllUsers 0x00000001

typedef struct tagRASENTRYNAMEA {
    DWORD dwSize;
    CHAR szEntryName[RAS_MaxEntryName + 1];
    /* Windows 2000 */
    DWORD dwFlags;                /* REN_* */
    CHAR szPhonebookPath[MAX_PATH + 1];
} RASENTRYNAMEA;

/* ------------------------------------------------------------------ */
/* Projection results (RasGetProjectionInfo[Ex])                        */
/* ------------------------------------------------------------------ */
/* The values are the PPP protocol numbers of the control protocols. */
typedef enum tagRASPROJECTION {
    RASP_Amb = 0x10000,
    RASP_PppNbf = 0x803F,
    RASP_PppIpx = 0x802B,
    RASP_PppIp = 0x8021,
    RASP_PppCcp = 0x80FD,
    RASP_PppLcp = 0xC021,
    RASP_PppIpv6 = 0x8057,        /* Vista SDK */
    RASP_Slip = 0x20000           /* dropped from the Vista SDK */
} RASPROJECTION;
typedef RASPROJECTION *LPRASPROJECTION;

typedef struct tagRASAMBA {
    DWORD dwSize;
    DWORD dwError;
    CHAR szNetBiosError[NETBIOS_NAME_LEN + 1];
    BYTE bLana;
} RASAMBA;

typedef struct tagRASPPPNBFA {
    DWORD dwSize;
    DWORD dwError;
    DWORD dwNetBiosError;
    CHAR szNetBiosError[NETBIOS_NAME_LEN + 1];
    CHAR szWorkstationName[NETBIOS_NAME_LEN + 1];
    BYTE bLana;
} RASPPPNBFA;

typedef struct tagRASPPPIPXA {
    DWORD dwSize;
    DWORD dwError;
    CHAR szIpxAddress[RAS_MaxIpxAddress + 1];
} RASPPPIPXA;

#define RASIPO_VJ 0x00000001

typedef struct tagRASPPPIPA {
    DWORD dwSize;
    DWORD dwError;
    CHAR szIpAddress[RAS_MaxIpAddress + 1];
    /* absent from the NT 3.5 layout (WINNT35COMPATIBLE) */
    CHAR szServerIpAddress[RAS_MaxIpAddress + 1];
    /* Windows 2000 */
    DWORD dwOptions;              /* RASIPO_* */
    DWORD dwServerOptions;
} RASPPPIPA;

typedef struct tagRASPPPIPV6 {
    DWORD dwSize;
    DWORD dwError;
    BYTE bLocalInterfaceIdentifier[8];
    BYTE bPeerInterfaceIdentifier[8];
    BYTE bLocalCompressionProtocol[2];
    BYTE bPeerCompressionProtocol[2];
} RASPPPIPV6;
typedef RASPPPIPV6 *LPRASPPPIPV6;

#define RASLCPAP_PAP  0xC023
#define RASLCPAP_SPAP 0xC027
#define RASLCPAP_CHAP 0xC223
#define RASLCPAP_EAP  0xC227

#define RASLCPAD_CHAP_MD5  0x05
#define RASLCPAD_CHAP_MS   0x80
#define RASLCPAD_CHAP_MSV2 0x81

#define RASLCPO_PFC         0x00000001
#define RASLCPO_ACFC        0x00000002
#define RASLCPO_SSHF        0x00000004
#define RASLCPO_DES_56      0x00000008
#define RASLCPO_3_DES       0x00000010
#define RASLCPO_AES_128     0x00000020
#define RASLCPO_AES_256     0x00000040
#define RASLCPO_AES_192     0x00000080
#define RASLCPO_GCM_AES_128 0x00000100
#define RASLCPO_GCM_AES_192 0x00000200
#define RASLCPO_GCM_AES_256 0x00000400

typedef struct tagRASPPPLCPA {
    DWORD dwSize;
    BOOL fBundled;
    /* Windows 2000 */
    DWORD dwError;
    DWORD dwAuthenticationProtocol;   /* RASLCPAP_* */
    DWORD dwAuthenticationData;       /* RASLCPAD_* */
    DWORD dwEapTypeId;
    DWORD dwServerAuthenticationProtocol;
    DWORD dwServerAuthenticationData;
    DWORD dwServerEapTypeId;
    BOOL fMultilink;
    DWORD dwTerminateReason;
    DWORD dwServerTerminateReason;
    CHAR szReplyMessage[RAS_MaxReplyMessage];
    DWORD dwOptions;                  /* RASLCPO_* */
    DWORD dwServerOptions;
} RASPPPLCPA;

typedef struct tagRASSLIPA {
    DWORD dwSize;
    DWORD dwError;
    CHAR szIpAddress[RAS_MaxIpAddress + 1];
} RASSLIPA;

#define RASCCPCA_MPPC 0x00000006
#define RASCCPCA_STAC 0x00000005

#define RASCCPO_Compression      0x00000001
#define RASCCPO_HistoryLess      0x00000002
#define RASCCPO_Encryption56bit  0x00000010
#define RASCCPO_Encryption40bit  0x00000020
#define RASCCPO_Encryption128bit 0x00000040

typedef struct tagRASPPPCCP {
    DWORD dwSize;
    DWORD dwError;
    DWORD dwCompressionAlgorithm;     /* RASCCPCA_* */
    DWORD dwOptions;                  /* RASCCPO_* */
    DWORD dwServerCompressionAlgorithm;
    DWORD dwServerOptions;
} RASPPPCCP;
typedef RASPPPCCP *LPRASPPPCCP;

/* RasGetProjectionInfoEx (Windows 7): one record for the whole link. */
typedef struct _RASPPP_PROJECTION_INFO {
    DWORD dwIPv4NegotiationError;
    RASIPV4ADDR ipv4Address;
    RASIPV4ADDR ipv4ServerAddress;
    DWORD dwIPv4Options;
    DWORD dwIPv4ServerOptions;
    DWORD dwIPv6NegotiationError;
    BYTE bInterfaceIdentifier[8];
    BYTE bServerInterfaceIdentifier[8];
    BOOL fBundled;
    BOOL fMultilink;
    DWORD dwAuthenticationProtocol;
    DWORD dwAuthenticationData;
    DWORD dwServerAuthenticationProtocol;
    DWORD dwServerAuthenticationData;
    DWORD dwEapTypeId;
    DWORD dwServerEapTypeId;
    DWORD dwLcpOptions;
    DWORD dwLcpServerOptions;
    DWORD dwCcpError;
    DWORD dwCcpCompressionAlgorithm;
    DWORD dwCcpServerCompressionAlgorithm;
    DWORD dwCcpOptions;
    DWORD dwCcpServerOptions;
} RASPPP_PROJECTION_INFO, *PRASPPP_PROJECTION_INFO;

#define RASIKEv2_FLAGS_MOBIKESUPPORTED  0x00000001
#define RASIKEv2_FLAGS_BEHIND_NAT       0x00000002
#define RASIKEv2_FLAGS_SERVERBEHIND_NAT 0x00000004

#define RASIKEv2_AUTH_MACHINECERTIFICATES 1
#define RASIKEv2_AUTH_EAP                 2
#define RASIKEv2_AUTH_PSK                 3

typedef struct _RASIKEV2_PROJECTION_INFO {
    DWORD dwIPv4NegotiationError;
    RASIPV4ADDR ipv4Address;
    RASIPV4ADDR ipv4ServerAddress;
    DWORD dwIPv6NegotiationError;
    RASIPV6ADDR ipv6Address;
    RASIPV6ADDR ipv6ServerAddress;
    DWORD dwPrefixLength;
    DWORD dwAuthenticationProtocol;
    DWORD dwEapTypeId;
    DWORD dwFlags;
    DWORD dwEncryptionMethod;
    DWORD numIPv4ServerAddresses;
    RASIPV4ADDR *ipv4ServerAddresses;
    DWORD numIPv6ServerAddresses;
    RASIPV6ADDR *ipv6ServerAddresses;
} RASIKEV2_PROJECTION_INFO, *PRASIKEV2_PROJECTION_INFO;

typedef enum _RASPROJECTION_INFO_TYPE {
    PROJECTION_INFO_TYPE_PPP = 1,
    PROJECTION_INFO_TYPE_IKEv2 = 2
} RASPROJECTION_INFO_TYPE;

typedef struct _RAS_PROJECTION_INFO {
    RASAPIVERSION version;
    RASPROJECTION_INFO_TYPE type;
    union {
        RASPPP_PROJECTION_INFO ppp;
        RASIKEV2_PROJECTION_INFO ikev2;
    };
} RAS_PROJECTION_INFO, *PRAS_PROJECTION_INFO;

/* ------------------------------------------------------------------ */
/* RasDial notifications                                                */
/* ------------------------------------------------------------------ */
/* The msg argument of every notifier is WM_RASDIALEVENT. */
#define RASDIALEVENT    "RasDialEvent"
#define WM_RASDIALEVENT 0xCCCD

/* dwNotifierType 0 */
typedef VOID (RAS_APIENTRY *RASDIALFUNC)(UINT unMsg, RASCONNSTATE rasconnstate, DWORD dwError);
/* dwNotifierType 1 */
typedef VOID (RAS_APIENTRY *RASDIALFUNC1)(HRASCONN hrasconn, UINT unMsg, RASCONNSTATE rascs,
                                          DWORD dwError, DWORD dwExtendedError);
/* dwNotifierType 2; return 0 to stop further notifications. */
typedef DWORD (RAS_APIENTRY *RASDIALFUNC2)(ULONG_PTR dwCallbackId, DWORD dwSubEntry,
                                           HRASCONN hrasconn, UINT unMsg, RASCONNSTATE rascs,
                                           DWORD dwError, DWORD dwExtendedError);

/* ------------------------------------------------------------------ */
/* RASDEVINFO (RasEnumDevices), RASCTRYINFO (RasGetCountryInfo)         */
/* ------------------------------------------------------------------ */
typedef struct tagRASDEVINFOA {
    DWORD dwSize;
    CHAR szDeviceType[RAS_MaxDeviceType + 1];    /* a RASDT_* string */
    CHAR szDeviceName[RAS_MaxDeviceName + 1];
} RASDEVINFOA;

/* The country name follows the struct in the caller's buffer, at
 * dwCountryNameOffset from its start. Same struct for A and W. */
typedef struct RASCTRYINFO {
    DWORD dwSize;
    DWORD dwCountryID;
    DWORD dwNextCountryID;
    DWORD dwCountryCode;
    DWORD dwCountryNameOffset;
} RASCTRYINFO;
#define RASCTRYINFOA RASCTRYINFO
typedef RASCTRYINFO *LPRASCTRYINFO, *LPRASCTRYINFOA;

/* ------------------------------------------------------------------ */
/* RASENTRY (Ras{Get,Set}EntryProperties)                               */
/* ------------------------------------------------------------------ */
#define ET_None        0
#define ET_Require     1
#define ET_RequireMax  2
#define ET_Optional    3

#define VS_Default      0
#define VS_PptpOnly     1
#define VS_PptpFirst    2
#define VS_L2tpOnly     3
#define VS_L2tpFirst    4
#define VS_SstpOnly     5
#define VS_SstpFirst    6
#define VS_Ikev2Only    7
#define VS_Ikev2First   8
#define VS_GREOnly      9
#define VS_PptpSstp     12
#define VS_L2tpSstp     13
#define VS_Ikev2Sstp    14
#define VS_ProtocolList 15

/* The alternate phone numbers, when there are any, follow the struct in
 * the caller's buffer at dwAlternateOffset: NUL-terminated strings, the
 * list ended by an empty one. */
typedef struct tagRASENTRYA {
    DWORD dwSize;
    DWORD dwfOptions;                             /* RASEO_* */
    DWORD dwCountryID;
    DWORD dwCountryCode;
    CHAR szAreaCode[RAS_MaxAreaCode + 1];
    CHAR szLocalPhoneNumber[RAS_MaxPhoneNumber + 1];
    DWORD dwAlternateOffset;
    RASIPADDR ipaddr;
    RASIPADDR ipaddrDns;
    RASIPADDR ipaddrDnsAlt;
    RASIPADDR ipaddrWins;
    RASIPADDR ipaddrWinsAlt;
    DWORD dwFrameSize;                            /* SLIP only: 1006 or 1500 */
    DWORD dwfNetProtocols;                        /* RASNP_* */
    DWORD dwFramingProtocol;                      /* RASFP_* */
    CHAR szScript[MAX_PATH];
    CHAR szAutodialDll[MAX_PATH];
    CHAR szAutodialFunc[MAX_PATH];
    CHAR szDeviceType[RAS_MaxDeviceType + 1];     /* RASDT_* */
    CHAR szDeviceName[RAS_MaxDeviceName + 1];
    CHAR szX25PadType[RAS_MaxPadType + 1];
    CHAR szX25Address[RAS_MaxX25Address + 1];
    CHAR szX25Facilities[RAS_MaxFacilities + 1];
    CHAR szX25UserData[RAS_MaxUserData + 1];
    DWORD dwChannels;
    DWORD dwReserved1;
    DWORD dwReserved2;
    /* NT4 enhancements: multilink and idle time-out */
    DWORD dwSubEntries;
    DWORD dwDialMode;                             /* RASEDM_* */
    DWORD dwDialExtraPercent;
    DWORD dwDialExtraSampleSeconds;
    DWORD dwHangUpExtraPercent;
    DWORD dwHangUpExtraSampleSeconds;
    DWORD dwIdleDisconnectSeconds;                /* RASIDS_* or seconds */
    /* Windows 2000 */
    DWORD dwType;                                 /* RASET_* */
    DWORD dwEncryptionType;                       /* ET_* */
    DWORD dwCustomAuthKey;
    GUID guidId;
    CHAR szCustomDialDll[MAX_PATH];
    DWORD dwVpnStrategy;                          /* VS_* */
    /* Windows XP */
    DWORD dwfOptions2;                            /* RASEO2_* */
    DWORD dwfOptions3;
    CHAR szDnsSuffix[RAS_MaxDnsSuffix];
    DWORD dwTcpWindowSize;
    CHAR szPrerequisitePbk[MAX_PATH];
    CHAR szPrerequisiteEntry[RAS_MaxEntryName + 1];
    DWORD dwRedialCount;
    DWORD dwRedialPause;
    /* Windows Vista */
    RASIPV6ADDR ipv6addrDns;
    RASIPV6ADDR ipv6addrDnsAlt;
    DWORD dwIPv4InterfaceMetric;
    DWORD dwIPv6InterfaceMetric;
    /* Windows 7 */
    RASIPV6ADDR ipv6addr;
    DWORD dwIPv6PrefixLength;
    DWORD dwNetworkOutageTime;
    /* The Windows 10 IKEv2 identity fields (szIDi, szIDr, ...) are not
     * carried: a Windows 10 sized dwSize gets ERROR_INVALID_SIZE. */
} RASENTRYA;

/* dwfOptions */
#define RASEO_UseCountryAndAreaCodes  0x00000001
#define RASEO_SpecificIpAddr          0x00000002
#define RASEO_SpecificNameServers     0x00000004
#define RASEO_IpHeaderCompression     0x00000008
#define RASEO_RemoteDefaultGateway    0x00000010
#define RASEO_DisableLcpExtensions    0x00000020
#define RASEO_TerminalBeforeDial      0x00000040
#define RASEO_TerminalAfterDial       0x00000080
#define RASEO_ModemLights             0x00000100
#define RASEO_SwCompression           0x00000200
#define RASEO_RequireEncryptedPw      0x00000400
#define RASEO_RequireMsEncryptedPw    0x00000800
#define RASEO_RequireDataEncryption   0x00001000
#define RASEO_NetworkLogon            0x00002000
#define RASEO_UseLogonCredentials     0x00004000
#define RASEO_PromoteAlternates       0x00008000
#define RASEO_SecureLocalFiles        0x00010000
#define RASEO_RequireEAP              0x00020000
#define RASEO_RequirePAP              0x00040000
#define RASEO_RequireSPAP             0x00080000
#define RASEO_Custom                  0x00100000
#define RASEO_PreviewPhoneNumber      0x00200000
/* 0x00400000 is unassigned */
#define RASEO_SharedPhoneNumbers      0x00800000
#define RASEO_PreviewUserPw           0x01000000
#define RASEO_PreviewDomain           0x02000000
#define RASEO_ShowDialingProgress     0x04000000
#define RASEO_RequireCHAP             0x08000000
#define RASEO_RequireMsCHAP           0x10000000
#define RASEO_RequireMsCHAP2          0x20000000
#define RASEO_RequireW95MSCHAP        0x40000000
#define RASEO_CustomScript            0x80000000u

/* dwfOptions2 (XP and later) */
#define RASEO2_SecureFileAndPrint               0x00000001
#define RASEO2_SecureClientForMSNet             0x00000002
#define RASEO2_DontNegotiateMultilink           0x00000004
#define RASEO2_DontUseRasCredentials            0x00000008
#define RASEO2_UsePreSharedKey                  0x00000010
#define RASEO2_Internet                         0x00000020
#define RASEO2_DisableNbtOverIP                 0x00000040
#define RASEO2_UseGlobalDeviceSettings          0x00000080
#define RASEO2_ReconnectIfDropped               0x00000100
#define RASEO2_SharePhoneNumbers                0x00000200
#define RASEO2_SecureRoutingCompartment         0x00000400
#define RASEO2_UseTypicalSettings               0x00000800
#define RASEO2_IPv6SpecificNameServers          0x00001000
#define RASEO2_IPv6RemoteDefaultGateway         0x00002000
#define RASEO2_RegisterIpWithDNS                0x00004000
#define RASEO2_UseDNSSuffixForRegistration      0x00008000
#define RASEO2_IPv4ExplicitMetric               0x00010000
#define RASEO2_IPv6ExplicitMetric               0x00020000
#define RASEO2_DisableIKENameEkuCheck           0x00040000
#define RASEO2_DisableClassBasedStaticRoute     0x00080000
#define RASEO2_SpecificIPv6Addr                 0x00100000
#define RASEO2_DisableMobility                  0x00200000
#define RASEO2_RequireMachineCertificates       0x00400000
#define RASEO2_UsePreSharedKeyForIkev2Initiator 0x00800000
#define RASEO2_UsePreSharedKeyForIkev2Responder 0x01000000
#define RASEO2_CacheCredentials                 0x02000000
#define RASEO2_AutoTriggerCapable               0x04000000
#define RASEO2_IsThirdPartyProfile              0x08000000
#define RASEO2_AuthTypeIsOtp                    0x10000000
#define RASEO2_IsAlwaysOn                       0x20000000
#define RASEO2_IsPrivateNetwork                 0x40000000
#define RASEO2_PlumbIKEv2TSAsRoutes             0x80000000u

/* dwfNetProtocols */
#define RASNP_NetBEUI 0x00000001
#define RASNP_Ipx     0x00000002
#define RASNP_Ip      0x00000004
#define RASNP_Ipv6    0x00000008

/* dwFramingProtocol */
#define RASFP_Ppp  0x00000001
#define RASFP_Slip 0x00000002
#define RASFP_Ras  0x00000004

/* szDeviceType. The case differs between them; it is the SDK's. */
#define RASDT_Modem      "modem"
#define RASDT_Isdn       "isdn"
#define RASDT_X25        "x25"
#define RASDT_Vpn        "vpn"
#define RASDT_Pad        "pad"
#define RASDT_Generic    "GENERIC"
#define RASDT_Serial     "SERIAL"
#define RASDT_FrameRelay "FRAMERELAY"
#define RASDT_Atm        "ATM"
#define RASDT_Sonet      "SONET"
#define RASDT_SW56       "SW56"
#define RASDT_Irda       "IRDA"
#define RASDT_Parallel   "PARALLEL"
#define RASDT_PPPoE      "PPPoE"

/* dwType */
#define RASET_Phone     1
#define RASET_Vpn       2
#define RASET_Direct    3    /* before Vista; still met in old phonebooks */
#define RASET_Internet  4
#define RASET_Broadband 5

/* dwDialMode */
#define RASEDM_DialAll      1
#define RASEDM_DialAsNeeded 2

/* dwIdleDisconnectSeconds */
#define RASIDS_Disabled       0xffffffffu
#define RASIDS_UseGlobalValue 0

/* RasConnectionNotification flags */
#define RASCN_Connection        0x00000001
#define RASCN_Disconnection     0x00000002
#define RASCN_BandwidthAdded    0x00000004
#define RASCN_BandwidthRemoved  0x00000008
#define RASCN_Dormant           0x00000010
#define RASCN_ReConnection      0x00000020
#define RASCN_EPDGPacketArrival 0x00000040

/* ------------------------------------------------------------------ */
/* Multilink sub-entries, credentials, AutoDial, EAP identity          */
/* ------------------------------------------------------------------ */
typedef struct tagRASSUBENTRYA {
    DWORD dwSize;
    DWORD dwfFlags;
    CHAR szDeviceType[RAS_MaxDeviceType + 1];
    CHAR szDeviceName[RAS_MaxDeviceName + 1];
    CHAR szLocalPhoneNumber[RAS_MaxPhoneNumber + 1];
    DWORD dwAlternateOffset;
} RASSUBENTRYA;

typedef struct tagRASCREDENTIALSA {
    DWORD dwSize;
    DWORD dwMask;                 /* RASCM_* */
    CHAR szUserName[UNLEN + 1];
    CHAR szPassword[PWLEN + 1];
    CHAR szDomain[DNLEN + 1];
} RASCREDENTIALSA;

#define RASCM_UserName           0x00000001
#define RASCM_Password           0x00000002
#define RASCM_Domain             0x00000004
#define RASCM_DefaultCreds       0x00000008
#define RASCM_PreSharedKey       0x00000010
#define RASCM_ServerPreSharedKey 0x00000020
#define RASCM_DDMPreSharedKey    0x00000040

typedef struct tagRASAUTODIALENTRYA {
    DWORD dwSize;
    DWORD dwFlags;
    DWORD dwDialingLocation;
    CHAR szEntry[RAS_MaxEntryName + 1];
} RASAUTODIALENTRYA;

#define RASADP_DisableConnectionQuery 0
#define RASADP_LoginSessionDisable    1
#define RASADP_SavedAddressesLimit    2
#define RASADP_FailedConnectionTimeout 3
#define RASADP_ConnectionQueryTimeout 4

#define RASEAPF_NonInteractive 0x00000002
#define RASEAPF_Logon          0x00000004
#define RASEAPF_Preview        0x00000008

typedef struct tagRASEAPUSERIDENTITYA {
    CHAR szUserName[UNLEN + 1];
    DWORD dwSizeofEapInfo;
    BYTE pbEapInfo[1];            /* really dwSizeofEapInfo bytes */
} RASEAPUSERIDENTITYA;

/* ------------------------------------------------------------------ */
/* RAS_STATS (Ras{Get,Clear}{Connection,Link}Statistics): no A/W forms */
/* ------------------------------------------------------------------ */
typedef struct _RAS_STATS {
    DWORD dwSize;
    DWORD dwBytesXmited;
    DWORD dwBytesRcved;
    DWORD dwFramesXmited;
    DWORD dwFramesRcved;
    DWORD dwCrcErr;
    DWORD dwTimeoutErr;
    DWORD dwAlignmentErr;
    DWORD dwHardwareOverrunErr;
    DWORD dwFramingErr;
    DWORD dwBufferOverrunErr;
    DWORD dwCompressionRatioIn;
    DWORD dwCompressionRatioOut;
    DWORD dwBps;                  /* multilink: the sum of the links */
    DWORD dwConnectDuration;      /* milliseconds */
} RAS_STATS, *PRAS_STATS;

#pragma pack(pop)

/* ------------------------------------------------------------------ */
/* Layout checks: the sizes Windows gives for the newest version of    */
/* each A struct (x64 and x86), so binary layouts stay interchangeable. */
/* ------------------------------------------------------------------ */
#define RAS_PTR64_ (sizeof(void *) == 8)
RAS_STATIC_ASSERT(sizeof(RASCONNSTATE) == 4, "RASCONNSTATE must be 32-bit");
RAS_STATIC_ASSERT(sizeof(RASENTRYA) == 2948, "RASENTRYA layout");
RAS_STATIC_ASSERT(sizeof(RASCONNA) == (RAS_PTR64_ ? 724 : 720), "RASCONNA layout");
RAS_STATIC_ASSERT(sizeof(RASCONNSTATUSA) == 332, "RASCONNSTATUSA layout");
RAS_STATIC_ASSERT(sizeof(RASDIALPARAMSA) == (RAS_PTR64_ ? 1076 : 1068), "RASDIALPARAMSA layout");
RAS_STATIC_ASSERT(sizeof(RASENTRYNAMEA) == 532, "RASENTRYNAMEA layout");
RAS_STATIC_ASSERT(sizeof(RASCREDENTIALSA) == 540, "RASCREDENTIALSA layout");
RAS_STATIC_ASSERT(sizeof(RASDEVINFOA) == 152, "RASDEVINFOA layout");
RAS_STATIC_ASSERT(sizeof(RAS_STATS) == 60, "RAS_STATS layout");
RAS_STATIC_ASSERT(sizeof(RASPPPIPA) == 48, "RASPPPIPA layout");
RAS_STATIC_ASSERT(sizeof(RASPPPLCPA) == 1080, "RASPPPLCPA layout");
RAS_STATIC_ASSERT(sizeof(RASPPPCCP) == 24, "RASPPPCCP layout");
RAS_STATIC_ASSERT(sizeof(RASCTRYINFO) == 20, "RASCTRYINFO layout");
RAS_STATIC_ASSERT(sizeof(RASDIALEXTENSIONS) == (RAS_PTR64_ ? 60 : 40), "RASDIALEXTENSIONS layout");

/* ------------------------------------------------------------------ */
/* Unsuffixed names, as the SDK gives them to a program without UNICODE */
/* ------------------------------------------------------------------ */
#define RASCONN           RASCONNA
#define RASCONNSTATUS     RASCONNSTATUSA
#define RASDIALPARAMS     RASDIALPARAMSA
#define RASENTRYNAME      RASENTRYNAMEA
#define RASAMB            RASAMBA
#define RASPPPNBF         RASPPPNBFA
#define RASPPPIPX         RASPPPIPXA
#define RASPPPIP          RASPPPIPA
#define RASPPPLCP         RASPPPLCPA
#define RASSLIP           RASSLIPA
#define RASDEVINFO        RASDEVINFOA
#define RASENTRY          RASENTRYA
#define RASSUBENTRY       RASSUBENTRYA
#define RASCREDENTIALS    RASCREDENTIALSA
#define RASAUTODIALENTRY  RASAUTODIALENTRYA
#define RASEAPUSERIDENTITY RASEAPUSERIDENTITYA

typedef RASCONNA *LPRASCONNA, *LPRASCONN;
typedef RASCONNSTATUSA *LPRASCONNSTATUSA, *LPRASCONNSTATUS;
typedef RASDIALPARAMSA *LPRASDIALPARAMSA, *LPRASDIALPARAMS;
typedef RASENTRYNAMEA *LPRASENTRYNAMEA, *LPRASENTRYNAME;
typedef RASAMBA *LPRASAMBA, *LPRASAMB;
typedef RASPPPNBFA *LPRASPPPNBFA, *LPRASPPPNBF;
typedef RASPPPIPXA *LPRASPPPIPXA, *LPRASPPPIPX;
typedef RASPPPIPA *LPRASPPPIPA, *LPRASPPPIP;
typedef RASPPPLCPA *LPRASPPPLCPA, *LPRASPPPLCP;
typedef RASSLIPA *LPRASSLIPA, *LPRASSLIP;
typedef RASDEVINFOA *LPRASDEVINFOA, *LPRASDEVINFO;
typedef RASENTRYA *LPRASENTRYA, *LPRASENTRY;
typedef RASSUBENTRYA *LPRASSUBENTRYA, *LPRASSUBENTRY;
typedef RASCREDENTIALSA *LPRASCREDENTIALSA, *LPRASCREDENTIALS;
typedef RASAUTODIALENTRYA *LPRASAUTODIALENTRYA, *LPRASAUTODIALENTRY;
typedef RASEAPUSERIDENTITYA *LPRASEAPUSERIDENTITYA, *LPRASEAPUSERIDENTITY;

/* ------------------------------------------------------------------ */
/* Functions. Each returns 0 or an error number from raserror.h, and   */
/* writes its output parameters only when it succeeds.                 */
/* ------------------------------------------------------------------ */

/* Errors */
RASAPI DWORD RAS_APIENTRY RasGetErrorStringA(UINT ResourceId, LPSTR lpszString, DWORD InBufSize);

/* Phonebook. lpszPhonebook NULL means the default phonebook(s). */
RASAPI DWORD RAS_APIENTRY RasEnumEntriesA(LPCSTR reserved, LPCSTR lpszPhonebook,
                                          LPRASENTRYNAMEA lprasentryname, LPDWORD lpcb,
                                          LPDWORD lpcEntries);
RASAPI DWORD RAS_APIENTRY RasGetEntryPropertiesA(LPCSTR lpszPhonebook, LPCSTR lpszEntry,
                                                 LPRASENTRYA lpRasEntry, LPDWORD lpdwEntryInfoSize,
                                                 LPBYTE lpbDeviceInfo, LPDWORD lpdwDeviceInfoSize);
RASAPI DWORD RAS_APIENTRY RasSetEntryPropertiesA(LPCSTR lpszPhonebook, LPCSTR lpszEntry,
                                                 LPRASENTRYA lpRasEntry, DWORD dwEntryInfoSize,
                                                 LPBYTE lpbDeviceInfo, DWORD dwDeviceInfoSize);
RASAPI DWORD RAS_APIENTRY RasValidateEntryNameA(LPCSTR lpszPhonebook, LPCSTR lpszEntry);
RASAPI DWORD RAS_APIENTRY RasDeleteEntryA(LPCSTR lpszPhonebook, LPCSTR lpszEntry);
RASAPI DWORD RAS_APIENTRY RasRenameEntryA(LPCSTR lpszPhonebook, LPCSTR lpszOldEntry,
                                          LPCSTR lpszNewEntry);
RASAPI DWORD RAS_APIENTRY RasGetEntryDialParamsA(LPCSTR lpszPhonebook,
                                                 LPRASDIALPARAMSA lprasdialparams,
                                                 LPBOOL lpfPassword);
RASAPI DWORD RAS_APIENTRY RasSetEntryDialParamsA(LPCSTR lpszPhonebook,
                                                 LPRASDIALPARAMSA lprasdialparams,
                                                 BOOL fRemovePassword);
RASAPI DWORD RAS_APIENTRY RasGetCredentialsA(LPCSTR lpszPhonebook, LPCSTR lpszEntry,
                                             LPRASCREDENTIALSA lpCredentials);
RASAPI DWORD RAS_APIENTRY RasSetCredentialsA(LPCSTR lpszPhonebook, LPCSTR lpszEntry,
                                             LPRASCREDENTIALSA lpCredentials,
                                             BOOL fClearCredentials);

/* Devices */
RASAPI DWORD RAS_APIENTRY RasEnumDevicesA(LPRASDEVINFOA lpRasDevInfo, LPDWORD lpcb,
                                          LPDWORD lpcDevices);

/* Dialing. lpvNotifier NULL: returns when connected or failed. Otherwise
 * returns at once and reports progress through the notifier, whose type
 * dwNotifierType gives (0 RASDIALFUNC, 1 RASDIALFUNC1, 2 RASDIALFUNC2).
 * A handle stored in *lphRasConn must be passed to RasHangUp even when
 * the dial fails. */
RASAPI DWORD RAS_APIENTRY RasDialA(LPRASDIALEXTENSIONS lpRasDialExtensions, LPCSTR lpszPhonebook,
                                   LPRASDIALPARAMSA lpRasDialParams, DWORD dwNotifierType,
                                   LPVOID lpvNotifier, LPHRASCONN lphRasConn);

#define RasGetErrorString      RasGetErrorStringA
#define RasEnumEntries         RasEnumEntriesA
#define RasGetEntryProperties  RasGetEntryPropertiesA
#define RasSetEntryProperties  RasSetEntryPropertiesA
#define RasValidateEntryName   RasValidateEntryNameA
#define RasDeleteEntry         RasDeleteEntryA
#define RasRenameEntry         RasRenameEntryA
#define RasGetEntryDialParams  RasGetEntryDialParamsA
#define RasSetEntryDialParams  RasSetEntryDialParamsA
#define RasGetCredentials      RasGetCredentialsA
#define RasSetCredentials      RasSetCredentialsA
#define RasEnumDevices         RasEnumDevicesA
#define RasDial                RasDialA

/* --- dialing and connections: declared by the dialing part --- */

/* RasConnectionNotification's "every connection" handle. */
#ifndef INVALID_HANDLE_VALUE
#define INVALID_HANDLE_VALUE ((HANDLE)(intptr_t)-1)
#endif

/* Ends a connection, or a dial in progress (also from inside a RasDial
 * notifier, or from another process of the same user). Returns before
 * the line is down: poll RasGetConnectStatus until it returns
 * ERROR_INVALID_HANDLE. A second call while the hang-up runs returns 0;
 * a stale or made-up handle gets ERROR_INVALID_HANDLE. */
RASAPI DWORD RAS_APIENTRY RasHangUpA(HRASCONN hrasconn);
RASAPI DWORD RAS_APIENTRY RasGetConnectStatusA(HRASCONN hrasconn,
                                               LPRASCONNSTATUSA lprasconnstatus);
/* Lists the caller's connections (root: everyone's), dialing or up. */
RASAPI DWORD RAS_APIENTRY RasEnumConnectionsA(LPRASCONNA lprasconn, LPDWORD lpcb,
                                              LPDWORD lpcConnections);
/* RASP_PppIp (RASPPPIPA), RASP_PppLcp (RASPPPLCPA), RASP_PppIpv6
 * (RASPPPIPV6); 730 before the connection is projected, 731 for a
 * protocol that was not negotiated. */
RASAPI DWORD RAS_APIENTRY RasGetProjectionInfoA(HRASCONN hrasconn, RASPROJECTION rasprojection,
                                                LPVOID lpprojection, LPDWORD lpcb);
/* Every projection of the link at once. pRasProjection->version must be
 * RASAPIVERSION_601 (Windows 7's layout); type comes back PPP. */
RASAPI DWORD RAS_APIENTRY RasGetProjectionInfoEx(HRASCONN hrasconn,
                                                 PRAS_PROJECTION_INFO pRasProjection,
                                                 LPDWORD lpdwSize);
RASAPI DWORD RAS_APIENTRY RasGetConnectionStatistics(HRASCONN hRasConn, RAS_STATS *lpStatistics);
RASAPI DWORD RAS_APIENTRY RasClearConnectionStatistics(HRASCONN hRasConn);
/* hEvent is an eventfd(2) descriptor cast to HANDLE:
 *     int efd = eventfd(0, EFD_CLOEXEC);
 *     RasConnectionNotificationA(INVALID_HANDLE_VALUE, (HANDLE)(intptr_t)efd,
 *                                RASCN_Connection | RASCN_Disconnection);
 * libras adds 1 to it (write(2) of a uint64_t) on each matching event, from
 * its notifier thread; poll or read it as any eventfd. hrasconn is one
 * connection, or INVALID_HANDLE_VALUE for all of the caller's (needed for
 * RASCN_Connection). dwFlags 0 removes the registration of that
 * (hrasconn, hEvent) pair; the caller keeps ownership of the descriptor
 * and must not close it while registered. */
RASAPI DWORD RAS_APIENTRY RasConnectionNotificationA(HRASCONN hrasconn, HANDLE hEvent,
                                                     DWORD dwFlags);

#define RasHangUp                  RasHangUpA
#define RasGetConnectStatus        RasGetConnectStatusA
#define RasEnumConnections         RasEnumConnectionsA
#define RasGetProjectionInfo       RasGetProjectionInfoA
#define RasConnectionNotification  RasConnectionNotificationA

/* --- end of the dialing part's block --- */

#ifdef __cplusplus
}
#endif

#endif /* OPENRAS_RAS_H */
