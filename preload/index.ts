import { contextBridge, ipcRenderer } from 'electron';
import { makeBridge } from './bridge';

// Exactly one object reaches the page, holding two functions. ipcRenderer
// itself is never exposed: with it a compromised page could send on any channel.
contextBridge.exposeInMainWorld('opsroom', makeBridge(ipcRenderer));
