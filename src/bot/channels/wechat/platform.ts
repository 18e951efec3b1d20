/** The platform name of WeChat in Linli's store; kept apart from Wechaty so handlers can use it. */
export const wechatPlatform = 'wechat';
