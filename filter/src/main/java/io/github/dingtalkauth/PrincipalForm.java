package io.github.dingtalkauth;

import io.github.dingtalkauth.DingTalkPrincipal.NameSource;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The serial form of a {@link DingTalkPrincipal}: a version byte, a bit set of the texts present, the texts, the
 * flags and the lists, with no field names or collection classes in the stream. Plain serialization of the
 * principal would spend most of a kilobyte on class descriptors; sessions replicated or stored on disk stay small.
 * Reading goes through the builder, so a stream cannot make a principal the builder would refuse.
 */
final class PrincipalForm implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final int VERSION = 1;
    /** More items than this in one list is not a principal the filter made. */
    private static final int MAX_ITEMS = 1024;

    private transient DingTalkPrincipal principal;

    PrincipalForm(DingTalkPrincipal principal) {
        this.principal = principal;
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        DingTalkPrincipal p = principal;
        String[] texts = texts(p);
        int present = 0;
        for (int i = 0; i < texts.length; i++) {
            present |= texts[i] != null ? 1 << i : 0;
        }
        out.writeByte(VERSION);
        out.writeShort(present);
        for (String text : texts) {
            if (text != null) {
                out.writeUTF(text);
            }
        }
        out.writeByte((p.admin ? 1 : 0) | (p.boss ? 2 : 0) | (p.active ? 4 : 0) | (p.member ? 8 : 0)
                | p.nameSource.ordinal() << 4);
        writeNumbers(out, p.deptIds);
        writeNumbers(out, p.leaderInDepts);
        writeTexts(out, p.dingTalkRoleNames);
        writeTexts(out, List.copyOf(p.roles));
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (in.readUnsignedByte() != VERSION) {
            throw new InvalidObjectException("unknown version of the principal's serial form");
        }
        int present = in.readUnsignedShort();
        String[] texts = new String[13];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = (present & 1 << i) != 0 ? in.readUTF() : null;
        }
        int flags = in.readUnsignedByte();
        NameSource[] sources = NameSource.values();
        if (texts[0] == null || flags >> 4 >= sources.length) {
            throw new InvalidObjectException("malformed principal");
        }
        try {
            principal = DingTalkPrincipal.builder(texts[0]).openId(texts[1]).nick(texts[2]).avatarUrl(texts[3])
                    .email(texts[4]).mobile(texts[5]).stateCode(texts[6]).corpId(texts[7]).userId(texts[8])
                    .employeeName(texts[9]).title(texts[10]).jobNumber(texts[11]).orgEmail(texts[12])
                    .admin((flags & 1) != 0).boss((flags & 2) != 0).active((flags & 4) != 0).member((flags & 8) != 0)
                    .nameSource(sources[flags >> 4])
                    .deptIds(readNumbers(in)).leaderInDepts(readNumbers(in))
                    .dingTalkRoleNames(readTexts(in)).roles(readTexts(in))
                    .build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidObjectException("malformed principal");
        }
    }

    @Serial
    private Object readResolve() {
        return principal;
    }

    private static String[] texts(DingTalkPrincipal p) {
        return new String[] {p.unionId, p.openId, p.nick, p.avatarUrl, p.email, p.mobile, p.stateCode, p.corpId,
                p.userId, p.employeeName, p.title, p.jobNumber, p.orgEmail};
    }

    private static void writeNumbers(DataOutput out, List<Long> numbers) throws IOException {
        out.writeShort(checkedCount(numbers.size()));
        for (long n : numbers) {
            out.writeLong(n);
        }
    }

    private static void writeTexts(DataOutput out, List<String> texts) throws IOException {
        out.writeShort(checkedCount(texts.size()));
        for (String text : texts) {
            out.writeUTF(text);
        }
    }

    private static List<Long> readNumbers(DataInput in) throws IOException {
        int count = count(in);
        List<Long> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            numbers.add(in.readLong());
        }
        return numbers;
    }

    private static List<String> readTexts(DataInput in) throws IOException {
        int count = count(in);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(in.readUTF());
        }
        return texts;
    }

    private static int count(DataInput in) throws IOException {
        return checkedCount(in.readUnsignedShort());
    }

    private static int checkedCount(int count) throws InvalidObjectException {
        if (count > MAX_ITEMS) {
            throw new InvalidObjectException("a principal list has more than " + MAX_ITEMS + " items");
        }
        return count;
    }
}
