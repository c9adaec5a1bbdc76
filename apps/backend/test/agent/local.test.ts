import { planSchema, previewResultSchema, type Task, type ToolCall } from '@todo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiChange } from '../../src/activity/context';
import { createLocalAgent } from '../../src/agent/local';
import type { AgentReply, HistoryMessage } from '../../src/agent/types';
import { taskRepository, type TaskRepository } from '../../src/tasks/repository';
import { bindTools, newBinding } from '../../src/tasks/tools';
import { createTestApp, signUp, type TestApp } from '../helpers/app';

/*
 * The local agent end to end on PGlite, with the real bound tools: what a user sees in the reply and in their
 * tasks. The phrase-by-phrase coverage lives in the evaluation corpus (pnpm eval) and in
 * test/language/intent/parse.test.ts; these are the behaviours around it: zones, stored questions, confirmation,
 * context across turns, undo, isolation, events.
 */

// Friday 2026-11-27 18:05 in Los Angeles = Saturday 02:05 UTC.
const NOW = new Date('2026-11-28T02:05:00Z');
const LA = 'America/Los_Angeles';
const agent = createLocalAgent();

describe('local agent', () => {
  let t: TestApp;
  let repo: TaskRepository;

  beforeAll(async () => {
    t = await createTestApp('pglite');
    repo = taskRepository(t.db.database);
  });
  afterAll(() => t?.close());

  async function user(given: readonly (string | (Partial<Task> & { title: string }))[] = []) {
    const u = await signUp(t.app, 'Agent');
    for (const g of given) await repo.create(apiChange(u.id), typeof g === 'string' ? { title: g } : g);
    return u.id;
  }

  const tasksOf = async (userId: string) =>
    (await repo.list(userId, { status: 'all', sort: 'created', order: 'asc', limit: 100 })).items;

  /** A conversation: each message runs as a turn that sees the stored history of the earlier ones. */
  function chat(userId: string, zone = LA, now = NOW) {
    const history: HistoryMessage[] = [];
    const conversationId = crypto.randomUUID();
    return async (message: string): Promise<AgentReply> => {
      const reply = await agent.run({
        history: [...history],
        time: { now, zone },
        message,
        tools: bindTools(
          { tasks: repo },
          newBinding(userId, 'chat', { conversationId, timeZone: zone, now }),
        ),
        stream: false,
        events: {},
      });
      history.push({ role: 'user', content: message, tool_calls: [] });
      history.push({ role: 'assistant', content: reply.response, tool_calls: reply.toolCalls });
      return reply;
    };
  }

  const names = (calls: readonly ToolCall[]) => calls.map((c) => c.name);

  describe('time zones', () => {
    it('GIVEN 6 pm on Friday in Los Angeles WHEN "add buy milk tomorrow at 5pm" THEN it is due Saturday 17:00 LA and the reply says so without UTC', async () => {
      const u = await user();
      const reply = await chat(u)('add buy milk tomorrow at 5pm');
      const [task] = await tasksOf(u);
      expect(task).toMatchObject({ id: 1, title: 'Buy milk', due_at: '2026-11-29T01:00:00.000Z' });
      expect(reply.response).toBe('Added task 1 “Buy milk” — due tomorrow at 5 pm.');
      expect(reply.response).not.toMatch(/UTC|\d{4}-\d{2}-\d{2}/);
    });

    it('GIVEN the same instant in Karachi (Saturday 7 am) WHEN "add call the bank today" THEN today is Saturday there', async () => {
      const u = await user();
      await chat(u, 'Asia/Karachi')('add call the bank today');
      expect((await tasksOf(u))[0]!.due_at).toBe('2026-11-28T04:00:00.000Z'); // 09:00 PKT
    });

    it('GIVEN a task due at 3 pm WHEN "move it to monday" THEN the day changes and the time stays', async () => {
      const u = await user([{ title: 'Dentist', due_at: '2026-11-28T23:00:00.000Z' }]);
      const say = chat(u);
      await say('show task 1');
      const reply = await say('move it to monday');
      expect((await tasksOf(u))[0]!.due_at).toBe('2026-11-30T23:00:00.000Z');
      expect(reply.response).toContain('Mon, Nov 30 at 3 pm');
    });
  });

  describe('questions are stored as data and answered in the next turn', () => {
    it('GIVEN two meeting tasks WHEN "delete the meeting task" THEN nothing is deleted, both are listed, and "3" deletes only task 3', async () => {
      const u = await user(['Buy milk', 'Team meeting', 'Meeting notes']);
      const say = chat(u);
      const ask = await say('delete the meeting task');
      expect(await tasksOf(u)).toHaveLength(3);
      expect(ask.response).toMatch(/Which one should I delete\?/);
      expect(ask.toolCalls).toMatchObject([
        {
          name: 'preview_changes',
          arguments: { action: 'delete', awaiting: 'choice', items: [{ task_id: 2 }, { task_id: 3 }] },
        },
      ]);
      // The stored question is the shared contract the UI reads quick replies from.
      expect(planSchema.safeParse(ask.toolCalls[0]!.arguments).success).toBe(true);
      expect(previewResultSchema.parse(ask.toolCalls[0]!.result).tasks.map((t) => t.id)).toEqual([2, 3]);
      const done = await say('3');
      expect(names(done.toolCalls)).toEqual(['delete_task']);
      expect((await tasksOf(u)).map((x) => x.id)).toEqual([1, 2]);
    });

    it('GIVEN a "which one?" WHEN the answer is a number that was not offered THEN nothing changes and it asks again', async () => {
      const u = await user(['Buy milk', 'Team meeting', 'Meeting notes']);
      const say = chat(u);
      await say('delete the meeting task');
      const again = await say('1');
      expect(again.response).toMatch(/isn't one of them/);
      expect(await tasksOf(u)).toHaveLength(3);
    });

    it('GIVEN a bulk request WHEN it is made THEN it previews; "yes" applies exactly that; anything else cancels', async () => {
      const u = await user([
        { title: 'Old report', completed: true },
        'Open thing',
        { title: 'Paid rent', completed: true },
      ]);
      const say = chat(u);
      const preview = await say('delete all completed tasks');
      expect(preview.response).toMatch(/This will delete 2 tasks[\s\S]*Old report[\s\S]*Paid rent[\s\S]*yes/);
      expect(await tasksOf(u)).toHaveLength(3);
      await say('yes');
      expect((await tasksOf(u)).map((x) => x.title)).toEqual(['Open thing']);

      const v = await user([
        { title: 'A', completed: true },
        { title: 'B', completed: true },
      ]);
      const other = chat(v);
      await other('delete all completed tasks');
      const reply = await other('show my tasks');
      expect(names(reply.toolCalls)).toEqual(['list_tasks']);
      await other('yes'); // the plan lapsed with the unrelated turn
      expect(await tasksOf(v)).toHaveLength(2);
    });

    it('GIVEN "remove tag work from the email task" WHEN said THEN the tag goes and the task stays', async () => {
      const u = await user([{ title: 'Email client', tags: ['work', 'urgent'] }]);
      const reply = await chat(u)("Remove tag Work from 'Email client'");
      expect(await tasksOf(u)).toMatchObject([{ title: 'Email client', tags: ['urgent'] }]);
      expect(reply.response).toContain('removed #work');
    });

    it('GIVEN a request to delete three named tasks WHEN said THEN it asks first (more than one delete)', async () => {
      const u = await user(['A', 'B', 'C']);
      const say = chat(u);
      const reply = await say('delete tasks 1, 2 and 3');
      expect(reply.response).toMatch(/This will delete 3 tasks/);
      expect(await tasksOf(u)).toHaveLength(3);
      await say('no');
      expect(await tasksOf(u)).toHaveLength(3);
    });
  });

  describe('context across turns', () => {
    it('GIVEN a task just added WHEN "make it urgent" and then "actually, undo that" THEN the priority goes high and back', async () => {
      const u = await user();
      const say = chat(u);
      await say('add renew passport');
      await say('make it urgent');
      expect((await tasksOf(u))[0]!.priority).toBe('high');
      await say('actually, undo that');
      expect((await tasksOf(u))[0]!.priority).toBe('medium');
    });

    it('GIVEN a listing WHEN "mark the second one done" THEN the second line of that listing is completed', async () => {
      const u = await user(['One', 'Two', 'Three']);
      const say = chat(u);
      await say('show my tasks');
      await say('mark the second one done');
      expect((await tasksOf(u)).map((x) => x.completed)).toEqual([false, true, false]);
    });

    it('GIVEN no earlier turn WHEN "delete it" THEN nothing changes and it asks which task', async () => {
      const u = await user(['Keep me']);
      const reply = await chat(u)('delete it');
      expect(reply.response).toContain('?');
      expect(reply.toolCalls).toEqual([]);
      expect(await tasksOf(u)).toHaveLength(1);
    });
  });

  describe('undo', () => {
    it('GIVEN a deleted task WHEN "undo" THEN it is back with its number and every field', async () => {
      const u = await user([
        {
          title: 'Water plants',
          priority: 'high',
          tags: ['home'],
          description: 'balcony too',
          due_at: '2026-11-29T17:00:00.000Z',
        },
      ]);
      const before = await tasksOf(u);
      const say = chat(u);
      await say('delete task 1');
      expect(await tasksOf(u)).toHaveLength(0);
      const reply = await say('undo');
      expect(reply.response).toMatch(/reverted the last change/);
      const after = await tasksOf(u);
      expect(after.map(({ updated_at: _u, ...rest }) => rest)).toEqual(
        before.map(({ updated_at: _u, ...rest }) => rest),
      );
    });

    it('GIVEN a task just added WHEN "cancel that" THEN it is gone and the reply says it was taken back', async () => {
      const u = await user();
      const say = chat(u);
      await say('add buy a birthday card');
      const reply = await say('cancel that');
      expect(reply.response).toMatch(/reverted the last change/);
      expect(await tasksOf(u)).toEqual([]);
    });

    it('GIVEN the wrong task completed WHEN "no, the one for Priya" THEN that completion is undone and Priya\'s task completed', async () => {
      const u = await user(['Email Jordan', 'Email Priya']);
      const say = chat(u);
      await say('mark task 1 done');
      await say('no, the one for Priya');
      expect((await tasksOf(u)).map((x) => [x.title, x.completed])).toEqual([
        ['Email Jordan', false],
        ['Email Priya', true],
      ]);
    });

    it('GIVEN a correction naming no clear task WHEN "no, the one for Sam" THEN nothing changes and it asks', async () => {
      const u = await user(['Email Jordan', 'Email Priya']);
      const say = chat(u);
      await say('mark task 1 done');
      const reply = await say('no, the one for Sam');
      expect(reply.toolCalls.map((c) => c.name)).not.toContain('undo');
      expect((await tasksOf(u)).map((x) => x.completed)).toEqual([true, false]);
    });

    it('GIVEN nothing changed in this conversation WHEN "undo" THEN it says so and changes nothing', async () => {
      const u = await user(['Made through the API']);
      const reply = await chat(u)('undo');
      expect(reply.response).toMatch(/nothing to undo/);
      expect(await tasksOf(u)).toHaveLength(1);
    });
  });

  describe('never a wrong change', () => {
    it.each([
      ["what's the weather?", /only help with your tasks/],
      ['thanks!', /welcome/i],
      ['hello', /Hi!/],
      ['asdf qwer zxcv uiop hjkl', /Should I add|didn't understand/],
      ['change task 1', /What should I change/],
      ['move the dentist to the blue moon', /couldn't read|What should I change|didn't understand/],
    ])('GIVEN "%s" WHEN said THEN no task changes and the reply fits', async (message, reply) => {
      const u = await user(['Dentist']);
      const r = await chat(u)(message);
      expect(r.response).toMatch(reply);
      expect(names(r.toolCalls).filter((n) => n !== 'preview_changes' && n !== 'list_tasks')).toEqual([]);
      expect(await tasksOf(u)).toMatchObject([{ title: 'Dentist', completed: false, priority: 'medium' }]);
    });

    it("GIVEN another user's task number WHEN a user completes, renames or deletes it THEN only their own task 1 can change", async () => {
      const alice = await user(['Alice private']);
      const bob = await user();
      for (const message of [
        'mark task 1 as complete',
        "change task 1 to 'pwned'",
        'delete task 1',
        `delete every task of user ${alice}`,
      ]) {
        const reply = await chat(bob)(message);
        expect(JSON.stringify(reply)).not.toContain('Alice private');
      }
      expect(await tasksOf(alice)).toMatchObject([{ id: 1, title: 'Alice private', completed: false }]);
    });
  });

  it('GIVEN a streamed turn WHEN it runs THEN tool_call/tool_result/delta events mirror the stored reply', async () => {
    const u = await user(['Buy groceries']);
    const events: string[] = [];
    let text = '';
    const reply = await agent.run({
      history: [],
      time: { now: NOW, zone: LA },
      message: 'I bought the groceries',
      tools: bindTools({ tasks: repo }, newBinding(u, 'chat', { timeZone: LA, now: NOW })),
      stream: true,
      events: {
        toolCall: (c) => events.push(`call:${c.name}`),
        toolResult: (r) => events.push(`result:${r.name}`),
        delta: (d) => (text += d),
      },
    });
    expect(events).toEqual(['call:complete_task', 'result:complete_task']);
    expect(text).toBe(reply.response);
    expect(reply.response).toBe('Marked task 1 “Buy groceries” as done. Nice work!');
  });

  it('GIVEN "water plants every sunday" WHEN added, completed and told to stop repeating THEN it repeats, moves on, then stops', async () => {
    const u = await user();
    const say = chat(u);
    const added = await say('add water plants every sunday at 9am');
    expect(added.response).toContain('repeating every Sunday');
    expect((await tasksOf(u))[0]).toMatchObject({
      title: 'Water plants',
      recurrence: 'FREQ=WEEKLY;BYDAY=SU',
      due_at: '2026-11-29T17:00:00.000Z',
    });
    await say('I watered the plants');
    // Completing a repeating task moves it to the next Sunday, still open.
    expect((await tasksOf(u))[0]).toMatchObject({ completed: false, due_at: '2026-12-06T17:00:00.000Z' });
    const stopped = await say('stop repeating the water plants task');
    expect(stopped.response).toContain('no longer repeating');
    expect((await tasksOf(u))[0]!.recurrence).toBeNull();
  });

  it('GIVEN a few changes WHEN "what did I do today?" THEN the reply lists them from the activity log', async () => {
    const u = await user();
    // The log's timestamps come from the database clock: read "today" at the real now.
    const say = chat(u, LA, new Date());
    await say('add buy milk');
    await say('add call mom');
    await say('mark task 1 done');
    const reply = await say('what did I do today?');
    expect(reply.response).toBe(
      [
        'Today you made 3 changes and completed 1 task:',
        '- added task 1 “Buy milk”',
        '- added task 2 “Call mom”',
        '- completed task 1 “Buy milk”',
      ].join('\n'),
    );
  });

  describe('reminders', () => {
    it('GIVEN 6 pm on Friday WHEN "remind me at 5pm to call mom" THEN the task is due 5 pm Saturday and reminds then, in the user\'s words', async () => {
      const u = await user();
      const reply = await chat(u)('remind me at 5pm to call mom');
      const [task] = await tasksOf(u);
      expect(task).toMatchObject({
        title: 'Call mom',
        due_at: '2026-11-29T01:00:00.000Z',
        reminders: [{ before: 'PT0S' }],
      });
      expect(reply.response).toBe(
        "Added task 1 “Call mom” — due tomorrow at 5 pm.\nI'll remind you tomorrow at 5 pm, when it's due.",
      );
    });

    it('GIVEN a task with no due time WHEN "remind me 10 minutes before" THEN it asks when it is due, changing nothing, and a bare time answers', async () => {
      const u = await user(['Submit visa forms']);
      const say = chat(u);
      await say('show task 1');
      const reply = await say('remind me 10 minutes before');
      expect(reply.response).toMatch(/no due time yet\. When is it due\?/);
      // Only the question is recorded: no task tool ran.
      expect(reply.toolCalls.map((c) => c.name)).toEqual(['preview_changes']);
      expect(reply.toolCalls[0]!.arguments).toMatchObject({ awaiting: 'when', when: 'due' });
      expect((await tasksOf(u))[0]!.reminders).toEqual([]);
      const answered = await say('friday at 3pm');
      expect(answered.response).toMatch(/10 minutes before/);
      const [task] = await tasksOf(u);
      expect(task!.due_at).not.toBeNull();
      expect(task!.reminders).toEqual([{ before: 'PT10M' }]);
    });

    it('GIVEN two meeting tasks WHEN "remind me about the meeting tomorrow at 8am" THEN it asks which, and the answer gets the reminder', async () => {
      const u = await user([
        { title: 'Team meeting prep', due_at: '2026-11-30T18:00:00.000Z' },
        { title: 'Meeting with the landlord', due_at: '2026-12-01T18:00:00.000Z' },
      ]);
      const say = chat(u);
      const asked = await say('remind me about the meeting tomorrow at 8am');
      expect(asked.response).toMatch(/^Several tasks match\. Which one/);
      expect((await tasksOf(u)).map((t) => t.reminders)).toEqual([[], []]);
      const done = await say('2');
      expect(done.response).toBe("Task 2 “Meeting with the landlord”: I'll remind you tomorrow at 8 am.");
      expect((await tasksOf(u)).map((t) => t.reminders)).toEqual([[], [{ at: '2026-11-28T16:00:00.000Z' }]]);
    });

    it('GIVEN a reminder that went off WHEN "snooze task 1 for 15 minutes" THEN it fires again 15 minutes from now', async () => {
      // The schedule runs on the database's clock: a reminder a minute from the real now (however slow the machine,
      // still ahead when the task is made), delivered here as the queue would at its time.
      const soon = new Date(Date.now() + 60_000).toISOString();
      const u = await user([{ title: 'Stretch', reminders: [{ at: soon }] }]);
      const pending = await repo.reminders.list(u, 'pending');
      expect(await repo.reminders.deliver(pending.map((r) => r.id))).toBe(1);
      expect(await repo.reminders.list(u, 'delivered')).toHaveLength(1);
      const reply = await chat(u)('snooze task 1 for 15 minutes');
      expect(names(reply.toolCalls)).toEqual(['snooze_reminder']);
      expect(reply.response).toBe("Snoozed: I'll remind you about task 1 “Stretch” again today at 6:20 pm.");
      expect(await repo.reminders.pendingFor(u, 1)).toEqual(['2026-11-28T02:20:00.000Z']);
    });

    it('GIVEN reminders on a task WHEN "stop reminding me about it" THEN only the reminders go', async () => {
      const u = await user([
        { title: 'Gym', due_at: '2026-11-30T02:00:00.000Z', reminders: [{ before: 'PT30M' }] },
      ]);
      const say = chat(u);
      await say('show task 1');
      const reply = await say('stop reminding me about it');
      expect(reply.response).toBe('Reminders for task 1 “Gym” are off. The task itself is unchanged.');
      expect((await tasksOf(u))[0]).toMatchObject({
        title: 'Gym',
        due_at: '2026-11-30T02:00:00.000Z',
        reminders: [],
      });
    });
  });

  it('GIVEN Urdu and Roman Urdu WHEN adding and listing THEN the reply is in the same script', async () => {
    const u = await user();
    const say = chat(u);
    expect((await say('doodh lene ka task add karo')).response).toMatch(/^Task 1 “Doodh lene” add kar diya/);
    expect((await say('میرے کام دکھائیں')).response).toMatch(/آپ کے 1 کام/);
    expect((await say('task 1 mukammal karo')).response).toMatch(/mukammal kar diya/);
  });
});
