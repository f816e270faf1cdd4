#!/bin/sh
# samples/byname/irq: two run-time stores to fields named vector and type
# of another struct, in a file no layout covers, match struct irq_ss's
# bitfields by name alone.  A name is no evidence that the code writes
# irq_ss: the struct is left out, and json and the sweep say why.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the object the layout comes from' '
	${CC:-cc} -g -O2 -c -o ss.o "$SAMPLES/byname/irq/ss.c"
'

test_expect_success 'facts: two untyped writes matched by name' '
	cat >expect <<-\EOT &&
	irq_set_vector	irq_ss	vector	p->target	self	untyped
	irq_set_type	irq_ss	type	p->target	self	untyped
	EOT
	bitsplit facts -q --tree "$SAMPLES" --layout ss.o byname/irq >facts &&
	grep "^write" facts | cut -f 5-9,12 >actual &&
	test_cmp expect actual
'

test_expect_success 'check: irq_ss is left out, nothing moves' '
	cat >expect <<-\EOT &&
	struct irq_ss left out: no store is typed as this struct: every write to its bitfields matched a field name only, which other structs may have
	0 structs, 0 shared locations: proven-race moves 0 fields, setup-only moves 0 (policy proven-race: clean)
	EOT
	bitsplit check --tree "$SAMPLES" --layout ss.o --facts facts byname/irq >actual &&
	test_cmp expect actual
'

test_expect_success 'json: left out, with the reason' '
	bitsplit check --format json --tree "$SAMPLES" --layout ss.o --facts facts \
		byname/irq >out.json &&
	grep -A3 "\"left_out\": \[" out.json >actual &&
	cat >expect <<-\EOT &&
	  "left_out": [
	    {
	      "name": "irq_ss",
	      "why": "no store is typed as this struct: every write to its bitfields matched a field name only, which other structs may have"
	EOT
	test_cmp expect actual
'

test_expect_success 'a typed store of the struct brings it back' '
	mkdir -p tree/byname/irq &&
	cp -r "$SAMPLES/byname/irq/." tree/byname/irq/ &&
	cat >>tree/byname/irq/ss.c <<-\EOT &&

	void irq_ss_boot_vector(void)
	{
		irq_ss_boot.vector = 3;
	}
	EOT
	${CC:-cc} -g -O2 -c -o ss2.o tree/byname/irq/ss.c &&
	test_expect_code 1 bitsplit check --tree tree --layout ss2.o byname/irq >out &&
	! grep "left out" out && grep "^struct irq_ss " out
'

test_done
