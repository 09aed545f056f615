/* layout.h: the Windows SDK layouts of the RAS structs, as a Windows
 * program of this build's bitness lays them out (pack 4; pointers and
 * ULONG_PTR 8 bytes on Win64, 4 on Win32), each in an A form (CHAR) and a
 * W form (UTF-16 code units). Neutral ground: only <stdint.h> types, so both
 * translation-unit families may include it (wine.md: never mix Wine's
 * headers and ras.h in one file).
 *
 * Each struct is one field list (WL_<NAME>_FIELDS, oldest field first) that
 * expands three times: into the A struct, the W struct and a field table
 * that lets wl_convert (convert.c) copy any version between the forms. The
 * field lists carry the newest Windows version of each struct (ras-api.md
 * section 4, plus the Windows 8/10 RASENTRY identity fields). */
#ifndef RAS_WINE_LAYOUT_H
#define RAS_WINE_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

/* Everything below is laid out as the SDK lays it out: 4-byte packing. */
#pragma pack(push, 4)

/* The composite members, with Windows' alignment. */
typedef struct wl_guid {
    uint32_t Data1;
    uint16_t Data2;
    uint16_t Data3;
    uint8_t Data4[8];
} wl_guid;

typedef struct wl_luid {
    uint32_t LowPart;
    int32_t HighPart;
} wl_luid;

typedef struct wl_ipaddr {          /* RASIPADDR: a.b.c.d */
    uint8_t a, b, c, d;
} wl_ipaddr;

typedef struct wl_ip6addr {         /* IN6_ADDR */
    uint8_t Byte[16];
} wl_ip6addr;

typedef struct wl_endpoint {        /* RASTUNNELENDPOINT */
    uint32_t dwType;
    uint32_t addr[4];               /* IPv4 in the first 4 bytes, or IPv6 */
} wl_endpoint;

typedef struct wl_ptrblob {         /* RASEAPINFO, RASDEVSPECIFICINFO */
    uint32_t dwSize;
    uintptr_t pb;
} wl_ptrblob;

/* Field kinds: D a DWORD (BOOL, enum), P pointer-sized (ULONG_PTR, a
 * handle, a pointer), S a string of n characters, R a raw member of type
 * t copied as it is. T is the struct's name, passed through to the
 * expansion. */
#define WL_RASENTRYNAME_FIELDS(D, P, S, R, T) \
    D(T, dwSize) S(T, szEntryName, 257) D(T, dwFlags) S(T, szPhonebookPath, 261)

#define WL_RASENTRY_FIELDS(D, P, S, R, T) \
    D(T, dwSize) D(T, dwfOptions) D(T, dwCountryID) D(T, dwCountryCode) S(T, szAreaCode, 11) \
    S(T, szLocalPhoneNumber, 129) D(T, dwAlternateOffset) R(T, ipaddr, wl_ipaddr) \
    R(T, ipaddrDns, wl_ipaddr) R(T, ipaddrDnsAlt, wl_ipaddr) R(T, ipaddrWins, wl_ipaddr) \
    R(T, ipaddrWinsAlt, wl_ipaddr) D(T, dwFrameSize) D(T, dwfNetProtocols) D(T, dwFramingProtocol) \
    S(T, szScript, 260) S(T, szAutodialDll, 260) S(T, szAutodialFunc, 260) S(T, szDeviceType, 17) \
    S(T, szDeviceName, 129) S(T, szX25PadType, 33) S(T, szX25Address, 201) \
    S(T, szX25Facilities, 201) S(T, szX25UserData, 201) D(T, dwChannels) D(T, dwReserved1) \
    D(T, dwReserved2) \
    D(T, dwSubEntries) D(T, dwDialMode) D(T, dwDialExtraPercent) D(T, dwDialExtraSampleSeconds) \
    D(T, dwHangUpExtraPercent) D(T, dwHangUpExtraSampleSeconds) D(T, dwIdleDisconnectSeconds) \
    D(T, dwType) D(T, dwEncryptionType) D(T, dwCustomAuthKey) R(T, guidId, wl_guid) \
    S(T, szCustomDialDll, 260) D(T, dwVpnStrategy) \
    D(T, dwfOptions2) D(T, dwfOptions3) S(T, szDnsSuffix, 256) D(T, dwTcpWindowSize) \
    S(T, szPrerequisitePbk, 260) S(T, szPrerequisiteEntry, 257) D(T, dwRedialCount) \
    D(T, dwRedialPause) \
    R(T, ipv6addrDns, wl_ip6addr) R(T, ipv6addrDnsAlt, wl_ip6addr) D(T, dwIPv4InterfaceMetric) \
    D(T, dwIPv6InterfaceMetric) \
    R(T, ipv6addr, wl_ip6addr) D(T, dwIPv6PrefixLength) D(T, dwNetworkOutageTime) \
    S(T, szIDi, 257) S(T, szIDr, 257) D(T, fIsImsConfig) D(T, IdiType) D(T, IdrType) \
    D(T, fDisableIKEv2Fragmentation)

#define WL_RASDIALPARAMS_FIELDS(D, P, S, R, T) \
    D(T, dwSize) S(T, szEntryName, 257) S(T, szPhoneNumber, 129) S(T, szCallbackNumber, 129) \
    S(T, szUserName, 257) S(T, szPassword, 257) S(T, szDomain, 16) D(T, dwSubEntry) \
    P(T, dwCallbackId) D(T, dwIfIndex) P(T, szEncPassword)

#define WL_RASCONN_FIELDS(D, P, S, R, T) \
    D(T, dwSize) P(T, hrasconn) S(T, szEntryName, 257) S(T, szDeviceType, 17) \
    S(T, szDeviceName, 129) S(T, szPhonebook, 260) D(T, dwSubEntry) R(T, guidEntry, wl_guid) \
    D(T, dwFlags) R(T, luid, wl_luid) \
    R(T, guidCorrelationId, wl_guid)

#define WL_RASCONNSTATUS_FIELDS(D, P, S, R, T) \
    D(T, dwSize) D(T, rasconnstate) D(T, dwError) S(T, szDeviceType, 17) S(T, szDeviceName, 129) \
    S(T, szPhoneNumber, 129) R(T, localEndPoint, wl_endpoint) R(T, remoteEndPoint, wl_endpoint) \
    D(T, rasconnsubstate)

#define WL_RASDIALEXTENSIONS_FIELDS(D, P, S, R, T) \
    D(T, dwSize) D(T, dwfOptions) P(T, hwndParent) P(T, reserved) P(T, reserved1) \
    R(T, RasEapInfo, wl_ptrblob) D(T, fSkipPppAuth) R(T, RasDevSpecificInfo, wl_ptrblob)

#define WL_RASCREDENTIALS_FIELDS(D, P, S, R, T) \
    D(T, dwSize) D(T, dwMask) S(T, szUserName, 257) S(T, szPassword, 257) S(T, szDomain, 16)

#define WL_RASDEVINFO_FIELDS(D, P, S, R, T) \
    D(T, dwSize) S(T, szDeviceType, 17) S(T, szDeviceName, 129)

#define WL_RASSUBENTRY_FIELDS(D, P, S, R, T) \
    D(T, dwSize) D(T, dwfFlags) S(T, szDeviceType, 17) S(T, szDeviceName, 129) \
    S(T, szLocalPhoneNumber, 129) D(T, dwAlternateOffset)

#define WL_RASAUTODIALENTRY_FIELDS(D, P, S, R, T) \
    D(T, dwSize) D(T, dwFlags) D(T, dwDialingLocation) S(T, szEntry, 257)

#define WL_RASPPPIP_FIELDS(D, P, S, R, T) \
    D(T, dwSize) D(T, dwError) S(T, szIpAddress, 16) S(T, szServerIpAddress, 16) D(T, dwOptions) \
    D(T, dwServerOptions)

#define WL_RASPPPLCP_FIELDS(D, P, S, R, T) \
    D(T, dwSize) D(T, fBundled) D(T, dwError) D(T, dwAuthenticationProtocol) \
    D(T, dwAuthenticationData) D(T, dwEapTypeId) D(T, dwServerAuthenticationProtocol) \
    D(T, dwServerAuthenticationData) D(T, dwServerEapTypeId) D(T, fMultilink) \
    D(T, dwTerminateReason) D(T, dwServerTerminateReason) S(T, szReplyMessage, 1024) \
    D(T, dwOptions) D(T, dwServerOptions)

#define WL_RASPPPIPX_FIELDS(D, P, S, R, T) \
    D(T, dwSize) D(T, dwError) S(T, szIpxAddress, 22)

#define WL_RASSLIP_FIELDS(D, P, S, R, T) \
    D(T, dwSize) D(T, dwError) S(T, szIpAddress, 16)

#define WL_RASAMB_FIELDS(D, P, S, R, T) \
    D(T, dwSize) D(T, dwError) S(T, szNetBiosError, 17) R(T, bLana, uint8_t)

#define WL_RASPPPNBF_FIELDS(D, P, S, R, T) \
    D(T, dwSize) D(T, dwError) D(T, dwNetBiosError) S(T, szNetBiosError, 17) \
    S(T, szWorkstationName, 17) R(T, bLana, uint8_t)

/* The NT 3.5 layouts (WINVER < 0x400: entry names of 20 characters, device
 * names of 32, callback numbers of 48). Old 32-bit programs still send
 * these sizes (RASDIALPARAMS 736 on x86); they are the version 0x351 of
 * the struct they precede, and convert to it field by field, by name. */
#define WL_RASENTRYNAME351_FIELDS(D, P, S, R, T) \
    D(T, dwSize) S(T, szEntryName, 21)

#define WL_RASDIALPARAMS351_FIELDS(D, P, S, R, T) \
    D(T, dwSize) S(T, szEntryName, 21) S(T, szPhoneNumber, 129) S(T, szCallbackNumber, 49) \
    S(T, szUserName, 257) S(T, szPassword, 257) S(T, szDomain, 16)

#define WL_RASCONN351_FIELDS(D, P, S, R, T) \
    D(T, dwSize) P(T, hrasconn) S(T, szEntryName, 21)

#define WL_RASCONNSTATUS351_FIELDS(D, P, S, R, T) \
    D(T, dwSize) D(T, rasconnstate) D(T, dwError)

/* Every struct with a field list, in one X list: the kinds wl_convert and
 * the size table (sizes.c) know. */
#define WL_STRUCTS(X) \
    X(RASENTRYNAME) X(RASENTRY) X(RASDIALPARAMS) X(RASCONN) X(RASCONNSTATUS) \
    X(RASDIALEXTENSIONS) X(RASCREDENTIALS) X(RASDEVINFO) X(RASSUBENTRY) \
    X(RASAUTODIALENTRY) X(RASPPPIP) X(RASPPPLCP) X(RASPPPIPX) X(RASSLIP) X(RASAMB) \
    X(RASPPPNBF) X(RASENTRYNAME351) X(RASDIALPARAMS351) X(RASCONN351) X(RASCONNSTATUS351)

enum wl_struct {
#define WL_ENUM(name) WL_##name,
    WL_STRUCTS(WL_ENUM)
#undef WL_ENUM
    WL_COUNT
};

/* The struct definitions. */
#define WL_FIELD_D(T, name) uint32_t name;
#define WL_FIELD_P(T, name) uintptr_t name;
#define WL_FIELD_SA(T, name, n) char name[n];
#define WL_FIELD_SW(T, name, n) uint16_t name[n];
#define WL_FIELD_R(T, name, type) type name;

#define WL_DEFINE(name) \
    typedef struct { WL_##name##_FIELDS(WL_FIELD_D, WL_FIELD_P, WL_FIELD_SA, WL_FIELD_R, name) } \
        WL_##name##A; \
    typedef struct { WL_##name##_FIELDS(WL_FIELD_D, WL_FIELD_P, WL_FIELD_SW, WL_FIELD_R, name) } \
        WL_##name##W;
WL_STRUCTS(WL_DEFINE)
#undef WL_DEFINE
#pragma pack(pop)

/* The forms a struct travels in. WL_U is the A layout with UTF-8 strings:
 * what libras takes. WL_A is the A layout in the program's ANSI code page. */
enum wl_form { WL_FORM_A, WL_FORM_W };

#endif
