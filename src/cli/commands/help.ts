import type { Command } from 'commander';

/**
 * Gives a command and its subcommands whose description runs to several lines a summary: the
 * first line, the Chinese-first one-liner, which is what `gridvax --help` (or the group's help)
 * lists, so a long description does not wrap into the list of commands. Its own --help still
 * shows the whole description.
 */
export function summarize(cmd: Command): Command {
  const text = cmd.description();
  if (!cmd.summary() && text.includes('\n')) cmd.summary(text.split('\n')[0] ?? text);
  for (const sub of cmd.commands) summarize(sub);
  return cmd;
}
