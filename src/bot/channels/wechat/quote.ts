/**
 * WeChat has no reply-to in what the puppets hand over: a quoting message comes as the quoted
 * text in corner brackets, a dashed line, and the answer. 「邻里小助手：【通知】…」\n- - - -\n收到
 */
const quoteForm = /^「(?:[^：:\n]{1,64}[：:])?([\s\S]*?)」\s*\n\s*(?:- ){3,}-?\s*\n([\s\S]*)$/u;

export function splitWechatQuote(text: string): { quoted: string; reply: string } | undefined {
  const match = quoteForm.exec(text.trim());
  if (!match || match[1] === undefined || match[2] === undefined) return undefined;
  return { quoted: match[1].trim().slice(0, 2000), reply: match[2].trim() };
}
