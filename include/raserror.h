/* raserror.h: the error numbers the RAS API returns, with the names and
 * values of the Windows SDK's raserror.h, plus the few Win32 codes the same
 * functions return. RasGetErrorStringA turns any of them into a message. */
#ifndef OPENRAS_RASERROR_H
#define OPENRAS_RASERROR_H

/* Win32 codes shared with every other Windows API. Guarded so a program
 * that also includes a winerror.h-like header (or Wine's) still builds. */
#ifndef ERROR_SUCCESS
#define ERROR_SUCCESS               0
#endif
#ifndef ERROR_ACCESS_DENIED
#define ERROR_ACCESS_DENIED         5
#endif
#ifndef ERROR_INVALID_HANDLE
#define ERROR_INVALID_HANDLE        6
#endif
#ifndef ERROR_NOT_ENOUGH_MEMORY
#define ERROR_NOT_ENOUGH_MEMORY     8
#endif
#ifndef ERROR_INVALID_PARAMETER
#define ERROR_INVALID_PARAMETER     87
#endif
#ifndef ERROR_CALL_NOT_IMPLEMENTED
#define ERROR_CALL_NOT_IMPLEMENTED  120
#endif
#ifndef ERROR_INSUFFICIENT_BUFFER
#define ERROR_INSUFFICIENT_BUFFER   122
#endif
#ifndef ERROR_INVALID_NAME
#define ERROR_INVALID_NAME          123
#endif
#ifndef ERROR_ALREADY_EXISTS
#define ERROR_ALREADY_EXISTS        183
#endif
#ifndef ERROR_INVALID_USER_BUFFER
#define ERROR_INVALID_USER_BUFFER   1784
#endif
/* An HRESULT, not a DWORD error: RasGetConnectionStatistics and
 * RasGetLinkStatistics document it for bad arguments. */
#ifndef E_INVALIDARG
#define E_INVALIDARG                0x80070057u
#endif

/* The RAS range: RASBASE .. RASBASEEND, every number in it is assigned.
 * Two names lack the ERROR_ prefix in the SDK (PENDING, 600, and
 * WARNING_MSG_ALIAS_NOT_ADDED, 644); SUCCESS is the SDK's alias of 0. */
#define RASBASE     600
#define RASBASEEND  870
#ifndef SUCCESS
#define SUCCESS     0
#endif


/* Ports, devices and buffers (RasMan's own bookkeeping) */
#define PENDING                                        600
#define ERROR_INVALID_PORT_HANDLE                      601
#define ERROR_PORT_ALREADY_OPEN                        602
#define ERROR_BUFFER_TOO_SMALL                         603
#define ERROR_WRONG_INFO_SPECIFIED                     604
#define ERROR_CANNOT_SET_PORT_INFO                     605
#define ERROR_PORT_NOT_CONNECTED                       606
#define ERROR_EVENT_INVALID                            607
#define ERROR_DEVICE_DOES_NOT_EXIST                    608
#define ERROR_DEVICETYPE_DOES_NOT_EXIST                609
#define ERROR_BUFFER_INVALID                           610
#define ERROR_ROUTE_NOT_AVAILABLE                      611
#define ERROR_ROUTE_NOT_ALLOCATED                      612
#define ERROR_INVALID_COMPRESSION_SPECIFIED            613
#define ERROR_OUT_OF_BUFFERS                           614
#define ERROR_PORT_NOT_FOUND                           615
#define ERROR_ASYNC_REQUEST_PENDING                    616
#define ERROR_ALREADY_DISCONNECTING                    617
#define ERROR_PORT_NOT_OPEN                            618
#define ERROR_PORT_DISCONNECTED                        619
#define ERROR_NO_ENDPOINTS                             620

/* Phonebook */
#define ERROR_CANNOT_OPEN_PHONEBOOK                    621
#define ERROR_CANNOT_LOAD_PHONEBOOK                    622
#define ERROR_CANNOT_FIND_PHONEBOOK_ENTRY              623
#define ERROR_CANNOT_WRITE_PHONEBOOK                   624
#define ERROR_CORRUPT_PHONEBOOK                        625
#define ERROR_CANNOT_LOAD_STRING                       626
#define ERROR_KEY_NOT_FOUND                            627

/* Disconnection causes, sizes, generic failures */
#define ERROR_DISCONNECTION                            628
#define ERROR_REMOTE_DISCONNECTION                     629
#define ERROR_HARDWARE_FAILURE                         630
#define ERROR_USER_DISCONNECTION                       631
#define ERROR_INVALID_SIZE                             632
#define ERROR_PORT_NOT_AVAILABLE                       633
#define ERROR_CANNOT_PROJECT_CLIENT                    634
#define ERROR_UNKNOWN                                  635
#define ERROR_WRONG_DEVICE_ATTACHED                    636
#define ERROR_BAD_STRING                               637
#define ERROR_REQUEST_TIMEOUT                          638

/* NetBIOS-era projection */
#define ERROR_CANNOT_GET_LANA                          639
#define ERROR_NETBIOS_ERROR                            640
#define ERROR_SERVER_OUT_OF_RESOURCES                  641
#define ERROR_NAME_EXISTS_ON_NET                       642
#define ERROR_SERVER_GENERAL_NET_FAILURE               643
#define WARNING_MSG_ALIAS_NOT_ADDED                    644

/* Account and authentication restrictions */
#define ERROR_AUTH_INTERNAL                            645
#define ERROR_RESTRICTED_LOGON_HOURS                   646
#define ERROR_ACCT_DISABLED                            647
#define ERROR_PASSWD_EXPIRED                           648
#define ERROR_NO_DIALIN_PERMISSION                     649
#define ERROR_SERVER_NOT_RESPONDING                    650

/* Device (modem) dialogue and NT4 device scripts */
#define ERROR_FROM_DEVICE                              651
#define ERROR_UNRECOGNIZED_RESPONSE                    652
#define ERROR_MACRO_NOT_FOUND                          653
#define ERROR_MACRO_NOT_DEFINED                        654
#define ERROR_MESSAGE_MACRO_NOT_FOUND                  655
#define ERROR_DEFAULTOFF_MACRO_NOT_FOUND               656
#define ERROR_FILE_COULD_NOT_BE_OPENED                 657
#define ERROR_DEVICENAME_TOO_LONG                      658
#define ERROR_DEVICENAME_NOT_FOUND                     659
#define ERROR_NO_RESPONSES                             660
#define ERROR_NO_COMMAND_FOUND                         661
#define ERROR_WRONG_KEY_SPECIFIED                      662
#define ERROR_UNKNOWN_DEVICE_TYPE                      663
#define ERROR_ALLOCATING_MEMORY                        664
#define ERROR_PORT_NOT_CONFIGURED                      665
#define ERROR_DEVICE_NOT_READY                         666
#define ERROR_READING_INI_FILE                         667
#define ERROR_NO_CONNECTION                            668
#define ERROR_BAD_USAGE_IN_INI_FILE                    669
#define ERROR_READING_SECTIONNAME                      670
#define ERROR_READING_DEVICETYPE                       671
#define ERROR_READING_DEVICENAME                       672
#define ERROR_READING_USAGE                            673
#define ERROR_READING_MAXCONNECTBPS                    674
#define ERROR_READING_MAXCARRIERBPS                    675

/* Call progress as reported by the modem */
#define ERROR_LINE_BUSY                                676
#define ERROR_VOICE_ANSWER                             677
#define ERROR_NO_ANSWER                                678
#define ERROR_NO_CARRIER                               679
#define ERROR_NO_DIALTONE                              680

/* More device script and media .INI failures */
#define ERROR_IN_COMMAND                               681
#define ERROR_WRITING_SECTIONNAME                      682
#define ERROR_WRITING_DEVICETYPE                       683
#define ERROR_WRITING_DEVICENAME                       684
#define ERROR_WRITING_MAXCONNECTBPS                    685
#define ERROR_WRITING_MAXCARRIERBPS                    686
#define ERROR_WRITING_USAGE                            687
#define ERROR_WRITING_DEFAULTOFF                       688
#define ERROR_READING_DEFAULTOFF                       689
#define ERROR_EMPTY_INI_FILE                           690

/* Authentication and ports */
#define ERROR_AUTHENTICATION_FAILURE                   691
#define ERROR_PORT_OR_DEVICE                           692

/* Device script engine internals */
#define ERROR_NOT_BINARY_MACRO                         693
#define ERROR_DCB_NOT_FOUND                            694
#define ERROR_STATE_MACHINES_NOT_STARTED               695
#define ERROR_STATE_MACHINES_ALREADY_STARTED           696
#define ERROR_PARTIAL_RESPONSE_LOOPING                 697
#define ERROR_UNKNOWN_RESPONSE_KEY                     698
#define ERROR_RECV_BUF_FULL                            699
#define ERROR_CMD_TOO_LONG                             700
#define ERROR_UNSUPPORTED_BPS                          701
#define ERROR_UNEXPECTED_RESPONSE                      702

/* Interaction, callback, accounts */
#define ERROR_INTERACTIVE_MODE                         703
#define ERROR_BAD_CALLBACK_NUMBER                      704
#define ERROR_INVALID_AUTH_STATE                       705
#define ERROR_WRITING_INITBPS                          706
#define ERROR_X25_DIAGNOSTIC                           707
#define ERROR_ACCT_EXPIRED                             708
#define ERROR_CHANGING_PASSWORD                        709
#define ERROR_OVERRUN                                  710

/* RAS manager, ISDN, line quality, IP configuration */
#define ERROR_RASMAN_CANNOT_INITIALIZE                 711
#define ERROR_BIPLEX_PORT_NOT_AVAILABLE                712
#define ERROR_NO_ACTIVE_ISDN_LINES                     713
#define ERROR_NO_ISDN_CHANNELS_AVAILABLE               714
#define ERROR_TOO_MANY_LINE_ERRORS                     715
#define ERROR_IP_CONFIGURATION                         716
#define ERROR_NO_IP_ADDRESSES                          717

/* PPP negotiation */
#define ERROR_PPP_TIMEOUT                              718
#define ERROR_PPP_REMOTE_TERMINATED                    719
#define ERROR_PPP_NO_PROTOCOLS_CONFIGURED              720
#define ERROR_PPP_NO_RESPONSE                          721
#define ERROR_PPP_INVALID_PACKET                       722

/* Dialling strings, IPX, TCP/IP configuration */
#define ERROR_PHONE_NUMBER_TOO_LONG                    723
#define ERROR_IPXCP_NO_DIALOUT_CONFIGURED              724
#define ERROR_IPXCP_NO_DIALIN_CONFIGURED               725
#define ERROR_IPXCP_DIALOUT_ALREADY_ACTIVE             726
#define ERROR_ACCESSING_TCPCFGDLL                      727
#define ERROR_NO_IP_RAS_ADAPTER                        728
#define ERROR_SLIP_REQUIRES_IP                         729

/* Projection and PPP control protocols */
#define ERROR_PROJECTION_NOT_COMPLETE                  730
#define ERROR_PROTOCOL_NOT_CONFIGURED                  731
#define ERROR_PPP_NOT_CONVERGING                       732
#define ERROR_PPP_CP_REJECTED                          733
#define ERROR_PPP_LCP_TERMINATED                       734
#define ERROR_PPP_REQUIRED_ADDRESS_REJECTED            735
#define ERROR_PPP_NCP_TERMINATED                       736
#define ERROR_PPP_LOOPBACK_DETECTED                    737
#define ERROR_PPP_NO_ADDRESS_ASSIGNED                  738

/* Credentials, TAPI, encryption */
#define ERROR_CANNOT_USE_LOGON_CREDENTIALS             739
#define ERROR_TAPI_CONFIGURATION                       740
#define ERROR_NO_LOCAL_ENCRYPTION                      741
#define ERROR_NO_REMOTE_ENCRYPTION                     742
#define ERROR_REMOTE_REQUIRES_ENCRYPTION               743

/* IPX numbering, session management module, phone numbers */
#define ERROR_IPXCP_NET_NUMBER_CONFLICT                744
#define ERROR_INVALID_SMM                              745
#define ERROR_SMM_UNINITIALIZED                        746
#define ERROR_NO_MAC_FOR_PORT                          747
#define ERROR_SMM_TIMEOUT                              748
#define ERROR_BAD_PHONE_NUMBER                         749
#define ERROR_WRONG_MODULE                             750
#define ERROR_INVALID_CALLBACK_NUMBER                  751

/* Scripts, multilink, AutoDial */
#define ERROR_SCRIPT_SYNTAX                            752
#define ERROR_HANGUP_FAILED                            753
#define ERROR_BUNDLE_NOT_FOUND                         754
#define ERROR_CANNOT_DO_CUSTOMDIAL                     755
#define ERROR_DIAL_ALREADY_IN_PROGRESS                 756
#define ERROR_RASAUTO_CANNOT_INITIALIZE                757

/* Connection sharing, certificates, call refusal causes */
#define ERROR_CONNECTION_ALREADY_SHARED                758
#define ERROR_SHARING_CHANGE_FAILED                    759
#define ERROR_SHARING_ROUTER_INSTALL                   760
#define ERROR_SHARE_CONNECTION_FAILED                  761
#define ERROR_SHARING_PRIVATE_INSTALL                  762
#define ERROR_CANNOT_SHARE_CONNECTION                  763
#define ERROR_NO_SMART_CARD_READER                     764
#define ERROR_SHARING_ADDRESS_EXISTS                   765
#define ERROR_NO_CERTIFICATE                           766
#define ERROR_SHARING_MULTIPLE_ADDRESSES               767
#define ERROR_FAILED_TO_ENCRYPT                        768
#define ERROR_BAD_ADDRESS_SPECIFIED                    769
#define ERROR_CONNECTION_REJECT                        770
#define ERROR_CONGESTION                               771
#define ERROR_INCOMPATIBLE                             772
#define ERROR_NUMBERCHANGED                            773
#define ERROR_TEMPFAILURE                              774
#define ERROR_BLOCKED                                  775
#define ERROR_DONOTDISTURB                             776
#define ERROR_OUTOFORDER                               777

/* Server identity, smart cards, certificates */
#define ERROR_UNABLE_TO_AUTHENTICATE_SERVER            778
#define ERROR_SMART_CARD_REQUIRED                      779
#define ERROR_INVALID_FUNCTION_FOR_ENTRY               780
#define ERROR_CERT_FOR_ENCRYPTION_NOT_FOUND            781
#define ERROR_SHARING_RRAS_CONFLICT                    782
#define ERROR_SHARING_NO_PRIVATE_LAN                   783
#define ERROR_NO_DIFF_USER_AT_LOGON                    784
#define ERROR_NO_REG_CERT_AT_LOGON                     785

/* L2TP/IPsec (IKE) negotiation */
#define ERROR_OAKLEY_NO_CERT                           786
#define ERROR_OAKLEY_AUTH_FAIL                         787
#define ERROR_OAKLEY_ATTRIB_FAIL                       788
#define ERROR_OAKLEY_GENERAL_PROCESSING                789
#define ERROR_OAKLEY_NO_PEER_CERT                      790
#define ERROR_OAKLEY_NO_POLICY                         791
#define ERROR_OAKLEY_TIMED_OUT                         792
#define ERROR_OAKLEY_ERROR                             793

/* RADIUS attributes, devices, certificates, VPN */
#define ERROR_UNKNOWN_FRAMED_PROTOCOL                  794
#define ERROR_WRONG_TUNNEL_TYPE                        795
#define ERROR_UNKNOWN_SERVICE_TYPE                     796
#define ERROR_CONNECTING_DEVICE_NOT_FOUND              797
#define ERROR_NO_EAPTLS_CERTIFICATE                    798
#define ERROR_SHARING_HOST_ADDRESS_CONFLICT            799
#define ERROR_AUTOMATIC_VPN_FAILED                     800
#define ERROR_VALIDATING_SERVER_CERT                   801
#define ERROR_READING_SCARD                            802
#define ERROR_INVALID_PEAP_COOKIE_CONFIG               803
#define ERROR_INVALID_PEAP_COOKIE_USER                 804
#define ERROR_INVALID_MSCHAPV2_CONFIG                  805

/* VPN transports, policy, broadband (PPPoE) */
#define ERROR_VPN_GRE_BLOCKED                          806
#define ERROR_VPN_DISCONNECT                           807
#define ERROR_VPN_REFUSED                              808
#define ERROR_VPN_TIMEOUT                              809
#define ERROR_VPN_BAD_CERT                             810
#define ERROR_VPN_BAD_PSK                              811
#define ERROR_SERVER_POLICY                            812
#define ERROR_BROADBAND_ACTIVE                         813
#define ERROR_BROADBAND_NO_NIC                         814
#define ERROR_BROADBAND_TIMEOUT                        815

/* Deprecation, deletion, NAP quarantine */
#define ERROR_FEATURE_DEPRECATED                       816
#define ERROR_CANNOT_DELETE                            817
#define ERROR_RASQEC_RESOURCE_CREATION_FAILED          818
#define ERROR_RASQEC_NAPAGENT_NOT_ENABLED              819
#define ERROR_RASQEC_NAPAGENT_NOT_CONNECTED            820
#define ERROR_RASQEC_CONN_DOESNOTEXIST                 821
#define ERROR_RASQEC_TIMEOUT                           822

/* PEAP, VPN strategy, EAP-TLS, IPsec service */
#define ERROR_PEAP_CRYPTOBINDING_INVALID               823
#define ERROR_PEAP_CRYPTOBINDING_NOTRECEIVED           824
#define ERROR_INVALID_VPNSTRATEGY                      825
#define ERROR_EAPTLS_CACHE_CREDENTIALS_INVALID         826
#define ERROR_IPSEC_SERVICE_STOPPED                    827

/* Reasons a connection was terminated (Vista and later) */
#define ERROR_IDLE_TIMEOUT                             828
#define ERROR_LINK_FAILURE                             829
#define ERROR_USER_LOGOFF                              830
#define ERROR_FAST_USER_SWITCH                         831
#define ERROR_HIBERNATION                              832
#define ERROR_SYSTEM_SUSPENDED                         833
#define ERROR_RASMAN_SERVICE_STOPPED                   834
#define ERROR_INVALID_SERVER_CERT                      835
#define ERROR_NOT_NAP_CAPABLE                          836

/* IKEv2 and related VPN failures (Windows 7 and later) */
#define ERROR_INVALID_TUNNELID                         837
#define ERROR_UPDATECONNECTION_REQUEST_IN_PROCESS      838
#define ERROR_PROTOCOL_ENGINE_DISABLED                 839
#define ERROR_INTERNAL_ADDRESS_FAILURE                 840
#define ERROR_FAILED_CP_REQUIRED                       841
#define ERROR_TS_UNACCEPTABLE                          842
#define ERROR_MOBIKE_DISABLED                          843
#define ERROR_CANNOT_INITIATE_MOBIKE_UPDATE            844
#define ERROR_PEAP_SERVER_REJECTED_CLIENT_TLV          845
#define ERROR_INVALID_PREFERENCES                      846
#define ERROR_EAPTLS_SCARD_CACHE_CREDENTIALS_INVALID   847
#define ERROR_SSTP_COOKIE_SET_FAILURE                  848
#define ERROR_INVALID_PEAP_COOKIE_ATTRIBUTES           849

/* EAP methods and certificates (Windows 7 and later) */
#define ERROR_EAP_METHOD_NOT_INSTALLED                 850
#define ERROR_EAP_METHOD_DOES_NOT_SUPPORT_SSO          851
#define ERROR_EAP_METHOD_OPERATION_NOT_SUPPORTED       852
#define ERROR_EAP_USER_CERT_INVALID                    853
#define ERROR_EAP_USER_CERT_EXPIRED                    854
#define ERROR_EAP_USER_CERT_REVOKED                    855
#define ERROR_EAP_USER_CERT_OTHER_ERROR                856
#define ERROR_EAP_SERVER_CERT_INVALID                  857
#define ERROR_EAP_SERVER_CERT_EXPIRED                  858
#define ERROR_EAP_SERVER_CERT_REVOKED                  859
#define ERROR_EAP_SERVER_CERT_OTHER_ERROR              860
#define ERROR_EAP_USER_ROOT_CERT_NOT_FOUND             861
#define ERROR_EAP_USER_ROOT_CERT_INVALID               862
#define ERROR_EAP_USER_ROOT_CERT_EXPIRED               863
#define ERROR_EAP_SERVER_ROOT_CERT_NOT_FOUND           864
#define ERROR_EAP_SERVER_ROOT_CERT_INVALID             865
#define ERROR_EAP_SERVER_ROOT_CERT_NAME_REQUIRED       866

/* PEAP identity, DNS, EAP-TLS, IKEv2 (Windows 7 and later) */
#define ERROR_PEAP_IDENTITY_MISMATCH                   867
#define ERROR_DNSNAME_NOT_RESOLVABLE                   868
#define ERROR_EAPTLS_PASSWD_INVALID                    869
#define ERROR_IKEV2_PSK_INTERFACE_ALREADY_EXISTS       870

#endif /* OPENRAS_RASERROR_H */
