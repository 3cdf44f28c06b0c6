import { contextBridge, ipcRenderer } from 'electron';
import type { Api } from '../main/contract/index';

// One API object, no logic: every call goes to main's router, which validates and checks rights.
const api: Api = {
  call: (channel, input, session) => ipcRenderer.invoke('rpc', channel, input, session),
};

contextBridge.exposeInMainWorld('schoolJournal', api);
