/** Access to antd's message API from outside React (query caches, the API wrapper). */
import type { MessageInstance } from 'antd/es/message/interface';

let instance: MessageInstance | null = null;

/** Set once by `<NotifyBridge/>` inside antd's `<App>`. */
export function setMessageInstance(value: MessageInstance): void {
  instance = value;
}

export const notify = {
  success: (text: string) => void instance?.success(text),
  error: (text: string) => void instance?.error(text),
  warning: (text: string) => void instance?.warning(text),
};
