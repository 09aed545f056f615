/* forwarders.c: the only code in the MinGW-built rasapi32.dll. Its exports
 * are all forwarders to openras.dll (rasapi32.def); the loader still wants
 * an entry point. */
int __stdcall DllMainCRTStartup(void *module, unsigned reason, void *reserved);

int __stdcall
DllMainCRTStartup(void *module, unsigned reason, void *reserved)
{
    (void)module;
    (void)reason;
    (void)reserved;
    return 1;
}
