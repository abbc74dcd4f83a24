"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import type { RoleName } from "@/lib/validation/users";
import { RoleOptions } from "@/components/users/role-options";

type UserRow = { id: string; name: string; email: string; role: RoleName; disabled: boolean; hasPassword: boolean; lastSignInAt: Date | null };

export function UsersTable({
  users,
  currentUserId,
  changeRole,
  setDisabled,
}: {
  users: UserRow[];
  currentUserId: string;
  changeRole: (input: { userId: string; role: RoleName }) => Promise<ActionResultLike<unknown>>;
  setDisabled: (input: { userId: string; disabled: boolean }) => Promise<ActionResultLike<unknown>>;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (call: () => Promise<ActionResultLike<unknown>>) =>
    startTransition(async () => {
      setError(null);
      const result = await call();
      if (!result.ok) setError(result.message);
      router.refresh();
    });

  return (
    <>
      {error && <Alert tone="error" className="m-4">{error}</Alert>}
      <Table aria-busy={pending || undefined}>
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Status</Th>
            <Th className="text-right">Actions</Th>
          </tr>
        </thead>
        <TBody>
          {users.map((user) => (
            <Tr key={user.id} data-testid={`user-row-${user.email}`}>
              <Td className="font-medium text-slate-900">
                {user.name}
                {user.id === currentUserId && <span className="ml-2 text-xs text-slate-400">(you)</span>}
              </Td>
              <Td>{user.email}</Td>
              <Td>
                <Select
                  aria-label={`Role of ${user.name}`}
                  className="h-8 w-56!"
                  value={user.role}
                  disabled={pending}
                  onChange={(event) => run(() => changeRole({ userId: user.id, role: event.target.value as RoleName }))}
                >
                  <RoleOptions />
                </Select>
              </Td>
              <Td>
                {user.disabled ? <Badge tone="red">Disabled</Badge> : user.hasPassword ? <Badge tone="green">Active</Badge> : <Badge tone="amber">Invited</Badge>}
              </Td>
              <Td className="text-right">
                {user.id !== currentUserId && (
                  <Button variant={user.disabled ? "secondary" : "ghost"} size="sm" disabled={pending} onClick={() => run(() => setDisabled({ userId: user.id, disabled: !user.disabled }))}>
                    {user.disabled ? "Enable" : "Disable"}
                  </Button>
                )}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </>
  );
}
