import assert from "node:assert/strict";
import {
  addBlock,
  addButton,
  flowFileName,
  fromDraft,
  parseFlowFile,
  patchBlock,
  removeBlock,
  renumber,
  toDraft,
} from "../../islands/flow_draft.ts";
import { blockColour, blockMatches } from "../../islands/blocks.ts";
import { FlowBlock } from "../../kv/records.ts";

const flow = {
  name: "Welcome",
  startBlock: 1,
  blocks: [
    FlowBlock.parse({ number: 1, name: "Hello", text: "Hi!", next: 2 }),
    FlowBlock.parse({
      number: 2,
      name: "Prices",
      text: "From 10 €.",
      description: "What things cost",
      keywords: ["price", "cost"],
      buttons: [{ text: "Back", next: 1 }],
    }),
  ],
};

Deno.test("a flow survives the editor unchanged when nothing is edited", () => {
  assert.deepEqual(fromDraft(toDraft(flow)), flow);
});

Deno.test("keywords are typed as one line and saved as a list", () => {
  const d = toDraft(flow);
  assert.equal(d.blocks[1].keywords, "price, cost");
  const edited = patchBlock(d, d.blocks[1].key, { keywords: " price,, how much ,cost " });
  assert.deepEqual(fromDraft(edited).blocks[1].keywords, ["price", "how much", "cost"]);
});

Deno.test("a new block takes the next number; a new button leads nowhere yet", () => {
  let d = addBlock(toDraft(flow));
  assert.deepEqual(d.blocks.map((b) => b.number), [1, 2, 3]);
  d = addButton(d, d.blocks[2].key);
  const body = fromDraft(patchBlock(d, d.blocks[2].key, {
    buttons: [{ ...d.blocks[2].buttons[0], text: "Ok" }],
  }));
  assert.deepEqual(body.blocks[2].buttons, [{ text: "Ok" }]);
  assert.equal(new Set([...d.blocks.map((b) => b.key), d.blocks[2].buttons[0].key]).size, 4);
});

Deno.test("renumbering a block carries the links and the start with it", () => {
  const d = toDraft(flow);
  const body = fromDraft(renumber(d, d.blocks[0].key, 10));
  assert.equal(body.startBlock, 10);
  assert.equal(body.blocks[0].number, 10);
  assert.deepEqual(body.blocks[1].buttons, [{ text: "Back", next: 10 }]);
});

Deno.test("a number two blocks share leaves every link alone, both ways", () => {
  const d = toDraft(flow);
  const clash = renumber(d, d.blocks[1].key, 1);
  assert.deepEqual(fromDraft(clash).blocks.map((b) => b.number), [1, 1]);
  assert.equal(clash.startBlock, 1);
  const back = renumber(clash, d.blocks[1].key, 2);
  assert.deepEqual(fromDraft(back), flow);
});

Deno.test("removing a block clears the links to it and moves the start", () => {
  const d = toDraft(flow);
  const body = fromDraft(removeBlock(d, d.blocks[0].key));
  assert.equal(body.startBlock, 2);
  assert.deepEqual(body.blocks[0].buttons, [{ text: "Back" }]);
  assert.equal(removeBlock(removeBlock(d, d.blocks[0].key), d.blocks[1].key).blocks.length, 1);
});

Deno.test("an exported file reads back; other files say what is wrong", () => {
  const exported = { id: "X", createdAt: "…", ...flow };
  assert.deepEqual(parseFlowFile(JSON.stringify(exported)).blocks.length, 2);
  assert.throws(() => parseFlowFile("not json"), /not JSON/);
  assert.throws(() => parseFlowFile('{"name":"x"}'), /no blocks/);
  assert.equal(flowFileName("Résumé: Sales / Q4"), "resume-sales-q4.json");
  assert.equal(flowFileName("!!!"), "bot-flow.json");
});

Deno.test("the funnel search matches number, description, name and text", () => {
  const [hello, prices] = flow.blocks;
  assert.equal(blockMatches(prices, "2"), true);
  assert.equal(blockMatches(prices, "#2"), true);
  assert.equal(blockMatches(hello, "2"), false);
  assert.equal(blockMatches(prices, "cost"), true);
  assert.equal(blockMatches(prices, "10 €"), true);
  assert.equal(blockMatches(hello, "PRICE"), false);
  assert.equal(blockMatches(hello, "  "), true);
  assert.equal(blockColour("green"), "#3fa66a");
  assert.equal(blockColour("#ABC"), "#ABC");
  assert.equal(blockColour("url(x)"), blockColour("grey"));
});
